namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// Whether a file's text holds an escape that can spell a character a text search would look for: <c>\u</c> and
/// <c>\U</c> (in identifiers, strings and characters) and, with <c>inStrings</c>, <c>\x</c> (strings and characters
/// only). A backslash escaped by another (<c>\\u</c>) is not one. Searches that read names or words from the text as
/// written fall back to the syntax when this is true.
/// </summary>
internal static class TextEscapes
{
    public static bool MaySpellCharacters(string text, bool inStrings)
    {
        // Ordinal searches (vectorized) rather than a loop over the characters: most files have no backslash in code.
        for (var i = text.IndexOf('\\'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('\\', i + 2))
        {
            if (text[i + 1] is 'u' or 'U' || (inStrings && text[i + 1] == 'x'))
            {
                return true;
            }
        }

        return false;
    }
}
