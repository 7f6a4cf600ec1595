using LlmClient.Analyzers.Retries;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>The flow walk's outcome sets (eight words inline) against plain sets of statuses.</summary>
public class OutcomeSetTests
{
    [Theory]
    [InlineData(100, 599)]
    [InlineData(200, 299)]
    [InlineData(163, 164)]
    [InlineData(164, 164)]
    [InlineData(150, 420)]
    [InlineData(598, 700)]
    [InlineData(0, 100)]
    [InlineData(300, 299)]
    public void Ranges_hold_exactly_their_statuses(int low, int high)
    {
        var set = OutcomeSet.Range(low, high);
        for (var status = OutcomeSet.MinStatus; status <= OutcomeSet.MaxStatus; status++)
        {
            Assert.Equal(status >= low && status <= high, set.ContainsStatus(status));
        }

        Assert.False(set.ContainsNet);
        Assert.False(set.ContainsPre);
        Assert.Equal(low > Math.Min(high, OutcomeSet.MaxStatus) || high < OutcomeSet.MinStatus, set.IsEmpty);
    }

    [Fact]
    public void Set_operations_agree_with_sets_of_statuses()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var (a, aStatuses) = RandomSet(random);
            var (b, bStatuses) = RandomSet(random);
            Check(a.Union(b), aStatuses.Union(bStatuses));
            Check(a.Intersect(b), aStatuses.Intersect(bStatuses));
            Check(a.Except(b), aStatuses.Except(bStatuses));
            Assert.Equal(aStatuses.Overlaps(bStatuses), a.Overlaps(b));
            Assert.Equal(aStatuses.SetEquals(bStatuses), a.Equals(b));
            Assert.True(a.Equals(OutcomeSet.Empty.Union(a)));
            Assert.Equal(a.GetHashCode(), OutcomeSet.Empty.Union(a).GetHashCode());
        }
    }

    [Fact]
    public void Net_and_pre_are_outside_the_statuses()
    {
        var all = OutcomeSet.All;
        Assert.True(all.ContainsNet && all.ContainsPre);
        Assert.False(OutcomeSet.AllStatuses.ContainsNet || OutcomeSet.AllStatuses.ContainsPre);
        Assert.True(OutcomeSet.Thrown.ContainsNet);
        Assert.False(OutcomeSet.Thrown.ContainsStatus(200));
        Assert.True(OutcomeSet.Thrown.ContainsStatus(429));
        Assert.True(all.Except(OutcomeSet.AllStatuses).Except(OutcomeSet.Net).Equals(OutcomeSet.Pre));
        Assert.True(OutcomeSet.Empty.IsEmpty && default(OutcomeSet).Equals(OutcomeSet.Empty));
    }

    private static (OutcomeSet Set, HashSet<int> Statuses) RandomSet(Random random)
    {
        var set = OutcomeSet.Empty;
        var statuses = new HashSet<int>();
        for (var j = random.Next(0, 4); j > 0; j--)
        {
            var low = random.Next(OutcomeSet.MinStatus, OutcomeSet.MaxStatus + 1);
            var high = Math.Min(OutcomeSet.MaxStatus, low + random.Next(0, 150));
            set = set.Union(OutcomeSet.Range(low, high));
            for (var status = low; status <= high; status++)
            {
                statuses.Add(status);
            }
        }

        return (set, statuses);
    }

    private static void Check(OutcomeSet set, IEnumerable<int> expected)
        => Assert.Equal(expected.OrderBy(s => s), set.Statuses);
}
