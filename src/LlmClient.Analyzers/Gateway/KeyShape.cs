namespace LlmClient.Analyzers.Gateway;

/// <summary>A kind of API key: the prefix it starts with, how messages name it, and where the fix reads it from.</summary>
internal sealed class KeyShape
{
    public KeyShape(string prefix, string description, string environmentVariable)
    {
        Prefix = prefix;
        Description = description;
        EnvironmentVariable = environmentVariable;
    }

    /// <summary>The prefix (<c>sk-proj-</c>), empty for a token without one. Messages show it, never the key.</summary>
    public string Prefix { get; }

    /// <summary>"an OpenAI project API key".</summary>
    public string Description { get; }

    /// <summary>The environment variable the code fix reads instead (<c>OPENAI_API_KEY</c>).</summary>
    public string EnvironmentVariable { get; }

    /// <summary>"an OpenAI project API key (sk-proj-…)", never the key itself.</summary>
    public string Display => Prefix.Length == 0 ? Description : Description + " (" + Prefix + "\u2026)";
}
