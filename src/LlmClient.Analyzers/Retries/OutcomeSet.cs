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

    private readonly ulong[]? _bits;

    private OutcomeSet(ulong[] bits) => _bits = bits;

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

    public bool IsEmpty
    {
        get
        {
            if (_bits is null)
            {
                return true;
            }

            foreach (var word in _bits)
            {
                if (word != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

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

        var bits = new ulong[Words];
        for (var status = (int)low; status <= high; status++)
        {
            var bit = status - MinStatus;
            bits[bit / 64] |= 1UL << (bit % 64);
        }

        return new OutcomeSet(bits);
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

    // The set operations allocate only when the result is neither operand (the flow walk combines sets at every step).
    public OutcomeSet Union(OutcomeSet other)
    {
        if (other.IsSubsetOf(this))
        {
            return this;
        }

        if (IsSubsetOf(other))
        {
            return other;
        }

        var bits = new ulong[Words];
        for (var i = 0; i < Words; i++)
        {
            bits[i] = Word(i) | other.Word(i);
        }

        return new OutcomeSet(bits);
    }

    public OutcomeSet Intersect(OutcomeSet other)
    {
        if (IsSubsetOf(other))
        {
            return this;
        }

        if (other.IsSubsetOf(this))
        {
            return other;
        }

        return Combine(other, complementOther: false);
    }

    public OutcomeSet Except(OutcomeSet other) => Overlaps(other) ? Combine(other, complementOther: true) : this;

    public bool Overlaps(OutcomeSet other)
    {
        if (_bits is null || other._bits is null)
        {
            return false;
        }

        for (var i = 0; i < Words; i++)
        {
            if ((_bits[i] & other._bits[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The statuses of the set that a retry should not repeat (seeds 000, 001, 002, 004): the non-retryable ones, those
    /// accepted in a server-error range (501, 505) only when <paramref name="named"/> names them.
    /// </summary>
    public OutcomeSet NonRetryable(OutcomeSet named)
        => Overlaps(NonRetryableStatuses) ? Intersect(NonRetryableStatuses.Except(AcceptedInServerErrorRange.Except(named))) : Empty;

    public bool Equals(OutcomeSet other)
    {
        for (var i = 0; i < Words; i++)
        {
            if (Word(i) != other.Word(i))
            {
                return false;
            }
        }

        return true;
    }

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

    private static OutcomeSet FromBit(int bit)
    {
        var bits = new ulong[Words];
        bits[bit / 64] = 1UL << (bit % 64);
        return new OutcomeSet(bits);
    }

    private ulong Word(int index) => _bits is null ? 0 : _bits[index];

    private bool Has(int bit) => (Word(bit / 64) & (1UL << (bit % 64))) != 0;

    private bool IsSubsetOf(OutcomeSet other)
    {
        if (_bits is null)
        {
            return true;
        }

        for (var i = 0; i < Words; i++)
        {
            if ((_bits[i] & ~other.Word(i)) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>This set and <paramref name="other"/> (or its complement), Empty when nothing is left.</summary>
    private OutcomeSet Combine(OutcomeSet other, bool complementOther)
    {
        var bits = new ulong[Words];
        var any = false;
        for (var i = 0; i < Words; i++)
        {
            var word = other.Word(i);
            bits[i] = Word(i) & (complementOther ? ~word : word);
            any |= bits[i] != 0;
        }

        return any ? new OutcomeSet(bits) : Empty;
    }
}
