namespace ClauseDesk.Calendars;

/// <summary>A calendar file that cannot be read; the message says where (line and column, or the JSON path) and why.</summary>
public sealed class CalendarFormatException(string message, Exception? inner = null) : FormatException(message, inner);
