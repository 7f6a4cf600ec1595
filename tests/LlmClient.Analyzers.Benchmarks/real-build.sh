#!/usr/bin/env bash
# What the package adds to a real build: the Csc task's time in `dotnet build` through the compiler server, with and
# without LlmClient.Analyzers (and, with MEZIANTOU=1, with Meziantou.Analyzer instead), on the benchmark's corpora,
# builds alternating so that the host's drift falls on both. See docs/performance.md, "Real builds".
#
#   tests/LlmClient.Analyzers.Benchmarks/real-build.sh [a|b|ab]      PAIRS=5 (default) alternating pairs per corpus
#
# The in-process benchmark times our callbacks; a build also pays the analyzer driver's work for what the analyzers
# register (per symbol, per code block) and runs analyzers concurrently with the compiler. This measures the sum.
set -euo pipefail

corpora=${1:-ab}
pairs=${PAIRS:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
echo "Working in $work"

dotnet build -c Release "$here" -o "$work/bench" > "$work/bench-build.log"
dotnet "$work/bench/LlmClient.Analyzers.Benchmarks.dll" --corpus "$corpora" --dump-only "$work/corpus"
comparison=$(cat "$work/bench/comparison-analyzer-package.txt")
# The newest Roslyn build of the comparison package, as the SDK would pick for its compiler.
mez=$(ls -d "$comparison"/analyzers/dotnet/roslyn*/cs 2>/dev/null | sort -V | tail -1)/Meziantou.Analyzer.dll

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

for corpus in $(echo "$corpora" | grep -o .); do
  project="$work/$corpus"
  mkdir -p "$project"
  cat > "$project/corpus.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>disable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <LangVersion>latest</LangVersion>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <UseSharedCompilation>true</UseSharedCompilation>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$work/corpus/$corpus/**/*.cs" />
    <PackageReference Include="OpenAI" Version="2.15.0" />
    <PackageReference Include="System.ClientModel" Version="1.16.0" />
    <PackageReference Include="Polly" Version="8.9.1" />
    <PackageReference Include="Polly.Core" Version="8.9.1" />
    <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
  </ItemGroup>
  <ItemGroup Condition="'\$(With)' == 'ours'">
    <Analyzer Include="$work/bench/LlmClient.Analyzers.dll" />
  </ItemGroup>
  <ItemGroup Condition="'\$(With)' == 'meziantou'">
    <Analyzer Include="$mez" />
  </ItemGroup>
</Project>
PROJECT
  variants="none ours"
  if [ "${MEZIANTOU:-0}" = 1 ]; then variants="none ours meziantou"; fi
  csc() { dotnet build "$project/corpus.csproj" -c Release --no-incremental -p:UseSharedCompilation=true -p:With="$1" -clp:PerformanceSummary 2>&1 | awk '$2 == "ms" && $3 == "Csc" { print $1 }'; }
  # Warm the compiler server (and its JIT) with every variant first.
  for variant in $variants $variants; do csc "$variant" > /dev/null; done
  : > "$work/$corpus.times"
  for i in $(seq 1 "$pairs"); do
    # Rotate the order so that no variant always runs first.
    set -- $variants
    for _ in $(seq 1 $((i % $#))); do set -- "${@:2}" "$1"; done
    for variant in "$@"; do
      ms=$(csc "$variant")
      echo "$corpus $i $variant $ms" | tee -a "$work/$corpus.times"
    done
  done
  base=$(awk '$3 == "none" { print $4 }' "$work/$corpus.times" | median)
  for variant in $variants; do
    m=$(awk -v v="$variant" '$3 == v { print $4 }' "$work/$corpus.times" | median)
    awk -v c="$corpus" -v v="$variant" -v m="$m" -v b="$base" 'BEGIN { printf "corpus %s: %-10s Csc median %6.0f ms, %+6.0f ms (%+.1f%%) against none\n", c, v, m, m - b, 100 * (m - b) / b }'
  done
done
