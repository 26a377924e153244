namespace ClauseDesk.Calendars;

/// <summary>
/// An instant, date or year outside 1900–2200, the years calendars and holidays cover. Thrown
/// instead of a guess; it is an <see cref="ArgumentOutOfRangeException"/>, so callers that catch
/// that keep working.
/// </summary>
public sealed class CalendarRangeException(string paramName, object? actualValue, string message)
    : ArgumentOutOfRangeException(paramName, actualValue, message);
