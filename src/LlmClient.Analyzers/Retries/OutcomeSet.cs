using System;
using System.Collections.Generic;
using LlmClient.Analyzers.Gateway;

namespace LlmClient.Analyzers.Retries;

/// <summary>
/// A set of outcomes of one HTTP or SDK call: its status (100-599), <see cref="Net"/> (it failed without a status:
/// a connection error or a timeout) and <see cref="Pre"/> (it has not run yet in this iteration). Immutable.
/// </summary>
internal readonly struct OutcomeSet : IEquatable<OutcomeSet>
{
    public const int MinStatus = 100;
    public const int MaxStatus = 599;
    private const int NetBit = MaxStatus - MinStatus + 1;
    private const int PreBit = NetBit + 1;
    private const int Words = 8;

    // Eight words inline (502 bits: the statuses, Net, Pre) rather than an array: the flow walk makes a set at every step,
    // and an 88-byte array for each was a good part of the retry analysis's allocations (docs/performance.md).
    private readonly ulong _w0, _w1, _w2, _w3, _w4, _w5, _w6, _w7;

    private OutcomeSet(ulong w0, ulong w1, ulong w2, ulong w3, ulong w4, ulong w5, ulong w6, ulong w7)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
        _w4 = w4;
        _w5 = w5;
        _w6 = w6;
        _w7 = w7;
    }

    public static OutcomeSet Empty => default;

    public static OutcomeSet Net { get; } = FromBit(NetBit);

    public static OutcomeSet Pre { get; } = FromBit(PreBit);

    public static OutcomeSet AllStatuses { get; } = Range(MinStatus, MaxStatus);

    /// <summary>Every status, a transport failure and "not run yet".</summary>
    public static OutcomeSet All { get; } = AllStatuses.Union(Net).Union(Pre);

    public static OutcomeSet Success { get; } = Range(200, 299);

    /// <summary>4xx and 5xx.</summary>
    public static OutcomeSet Failures { get; } = Range(400, 599);

    /// <summary>What a call that throws on failure throws for: every status but 2xx, and a transport failure.</summary>
    public static OutcomeSet Thrown { get; } = AllStatuses.Except(Success).Union(Net);

    private static OutcomeSet NonRetryableStatuses { get; } = Where(GatewayFacts.IsNonRetryableStatus);

    private static OutcomeSet AcceptedInServerErrorRange { get; } = Where(GatewayFacts.IsAcceptedInServerErrorRange);

    public bool IsEmpty => (_w0 | _w1 | _w2 | _w3 | _w4 | _w5 | _w6 | _w7) == 0;

    public bool ContainsNet => Has(NetBit);

    public bool ContainsPre => Has(PreBit);

    /// <summary>The statuses in the set, ascending.</summary>
    public IEnumerable<int> Statuses
    {
        get
        {
            for (var status = MinStatus; status <= MaxStatus; status++)
            {
                if (Has(status - MinStatus))
                {
                    yield return status;
                }
            }
        }
    }

    public static OutcomeSet Status(int status) => status is >= MinStatus and <= MaxStatus ? FromBit(status - MinStatus) : Empty;

    /// <summary>The statuses from <paramref name="low"/> to <paramref name="high"/>, both included (clamped to 100-599).</summary>
    public static OutcomeSet Range(long low, long high)
    {
        low = Math.Max(low, MinStatus);
        high = Math.Min(high, MaxStatus);
        if (low > high)
        {
            return Empty;
        }

        var first = (int)low - MinStatus;
        var last = (int)high - MinStatus;
        var result = Empty;
        for (var word = first / 64; word <= last / 64; word++)
        {
            // The bits of this word from max(first, its start) to min(last, its end), both included.
            var from = Math.Max(first, word * 64) - (word * 64);
            var to = Math.Min(last, (word * 64) + 63) - (word * 64);
            var mask = (to == 63 ? ulong.MaxValue : (1UL << (to + 1)) - 1) & ~((1UL << from) - 1);
            result = result.Union(FromWord(word, mask));
        }

        return result;
    }

    private static OutcomeSet Where(Func<int, bool> predicate)
    {
        var result = Empty;
        for (var status = MinStatus; status <= MaxStatus; status++)
        {
            if (predicate(status))
            {
                result = result.Union(Status(status));
            }
        }

        return result;
    }

    public bool ContainsStatus(int status) => status is >= MinStatus and <= MaxStatus && Has(status - MinStatus);

    public OutcomeSet Union(OutcomeSet other)
        => new(_w0 | other._w0, _w1 | other._w1, _w2 | other._w2, _w3 | other._w3, _w4 | other._w4, _w5 | other._w5, _w6 | other._w6, _w7 | other._w7);

    public OutcomeSet Intersect(OutcomeSet other)
        => new(_w0 & other._w0, _w1 & other._w1, _w2 & other._w2, _w3 & other._w3, _w4 & other._w4, _w5 & other._w5, _w6 & other._w6, _w7 & other._w7);

    public OutcomeSet Except(OutcomeSet other)
        => new(_w0 & ~other._w0, _w1 & ~other._w1, _w2 & ~other._w2, _w3 & ~other._w3, _w4 & ~other._w4, _w5 & ~other._w5, _w6 & ~other._w6, _w7 & ~other._w7);

    public bool Overlaps(OutcomeSet other) => !Intersect(other).IsEmpty;

    /// <summary>
    /// The statuses of the set that a retry should not repeat (seeds 000, 001, 002, 004): the non-retryable ones, those
    /// accepted in a server-error range (501, 505) only when <paramref name="named"/> names them.
    /// </summary>
    public OutcomeSet NonRetryable(OutcomeSet named)
        => Overlaps(NonRetryableStatuses) ? Intersect(NonRetryableStatuses.Except(AcceptedInServerErrorRange.Except(named))) : Empty;

    public bool Equals(OutcomeSet other)
        => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3
            && _w4 == other._w4 && _w5 == other._w5 && _w6 == other._w6 && _w7 == other._w7;

    public override bool Equals(object? obj) => obj is OutcomeSet other && Equals(other);

    public override int GetHashCode()
    {
        ulong hash = 17;
        for (var i = 0; i < Words; i++)
        {
            hash = (hash * 31) ^ Word(i);
        }

        return hash.GetHashCode();
    }

    public override string ToString() => string.Join(",", Statuses) + (ContainsNet ? ",net" : string.Empty) + (ContainsPre ? ",pre" : string.Empty);

    private static OutcomeSet FromBit(int bit) => FromWord(bit / 64, 1UL << (bit % 64));

    private static OutcomeSet FromWord(int index, ulong word) => index switch
    {
        0 => new(word, 0, 0, 0, 0, 0, 0, 0),
        1 => new(0, word, 0, 0, 0, 0, 0, 0),
        2 => new(0, 0, word, 0, 0, 0, 0, 0),
        3 => new(0, 0, 0, word, 0, 0, 0, 0),
        4 => new(0, 0, 0, 0, word, 0, 0, 0),
        5 => new(0, 0, 0, 0, 0, word, 0, 0),
        6 => new(0, 0, 0, 0, 0, 0, word, 0),
        _ => new(0, 0, 0, 0, 0, 0, 0, word),
    };

    private ulong Word(int index) => index switch
    {
        0 => _w0,
        1 => _w1,
        2 => _w2,
        3 => _w3,
        4 => _w4,
        5 => _w5,
        6 => _w6,
        _ => _w7,
    };

    private bool Has(int bit) => (Word(bit / 64) & (1UL << (bit % 64))) != 0;
}
