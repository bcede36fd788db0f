namespace Clinic.Data.Common;

/// <summary>
/// Tells the data layer whose sign-in session is acting. Every public procedure takes the session's
/// token first (p_session_token) and the database resolves the acting account from it; the app never
/// says who acts. The web app implements this from the signed-in user's cookie.
/// </summary>
public interface ISessionAccessor
{
    /// <summary>The token of the live session, or null when nobody is signed in.</summary>
    ValueTask<string?> GetSessionTokenAsync();

    /// <summary>
    /// Called when the database refused the session (unknown, expired, ended or restricted to a
    /// password change), before the exception reaches the caller, so the app can send the user to
    /// sign in again with the database's sentence.
    /// </summary>
    ValueTask OnSessionEndedAsync(ClinicSessionEndedException ex) => ValueTask.CompletedTask;
}

/// <summary>A session token fixed in advance: for command-line tools, demo loading and tests.</summary>
public sealed class FixedSession(string? token) : ISessionAccessor
{
    public string? Token { get; } = token;

    public ValueTask<string?> GetSessionTokenAsync() => ValueTask.FromResult(Token);
}
