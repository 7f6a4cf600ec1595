namespace LlmClient.Analyzers.Tests.Verifiers;

/// <summary>Thrown when a verification fails; the message says what was expected and what happened.</summary>
public sealed class VerifierException(string message) : Exception(message);
