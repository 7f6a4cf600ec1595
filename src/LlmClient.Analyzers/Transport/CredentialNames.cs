using System.Collections.Generic;
using System.Text;

namespace LlmClient.Analyzers.Transport;

/// <summary>How strongly a name (of a field, property, parameter, header or configuration key) says "credential".</summary>
internal enum CredentialUse
{
    None = 0,

    /// <summary>A name that ends in "key" (<c>Key</c>, <c>OpenAiKey</c>): enough for a literal with a key prefix.</summary>
    KeyLikeName = 1,

    /// <summary>A credential sink or a name that only a secret has (<c>apiKey</c>, <c>OPENAI_API_KEY</c>, <c>secret</c>, <c>accessToken</c>, <c>x-api-key</c>).</summary>
    Credential = 2,
}

/// <summary>Reads identifier-like names word by word: <c>OPENAI_API_KEY</c>, <c>openAiApiKey</c>, <c>x-api-key</c>, <c>OpenAI:ApiKey</c>.</summary>
internal static class CredentialNames
{
    private static readonly HashSet<string> KeyQualifiers = new(System.StringComparer.Ordinal)
    {
        "access", "auth", "secret", "subscription", "private", "openai", "anthropic", "claude", "gemini", "openrouter", "flex",
        "flexinference", "llm", "gateway", "ai", "gpt", "azure", "provider", "client", "service", "master", "admin",
    };

    private static readonly HashSet<string> TokenQualifiers = new(System.StringComparer.Ordinal)
    {
        "access", "auth", "bearer", "api", "refresh", "personal", "service", "openai", "anthropic", "llm", "gateway",
    };

    public static CredentialUse Classify(string? name)
    {
        if (name is null || name.Length == 0)
        {
            return CredentialUse.None;
        }

        var words = Words(name);
        if (words.Count == 0)
        {
            return CredentialUse.None;
        }

        var joined = string.Concat(words);
        if (joined.Contains("apikey") || joined.Contains("apitoken") || joined.Contains("secret") || joined.Contains("password")
            || joined == "authorization" || joined.Contains("bearer") || joined == "credential" || joined.EndsWith("credential", System.StringComparison.Ordinal))
        {
            return CredentialUse.Credential;
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == "token" && (words.Count == 1 || (i > 0 && TokenQualifiers.Contains(words[i - 1]))))
            {
                return CredentialUse.Credential;
            }

            if (words[i] == "key" && i > 0 && KeyQualifiers.Contains(words[i - 1]))
            {
                return CredentialUse.Credential;
            }
        }

        return words[words.Count - 1] == "key" ? CredentialUse.KeyLikeName : CredentialUse.None;
    }

    /// <summary>Lower-case words split at separators and camel-case humps (<c>OpenAIApiKey</c>: open, ai, api, key).</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0 && char.IsUpper(c))
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    Flush(words, current);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
