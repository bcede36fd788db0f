using System.Diagnostics;
using System.Diagnostics.Metrics;
using MySqlConnector;

namespace Clinic.Data.Common;

/// <summary>
/// Traces and metrics of every stored-procedure call (<see cref="ProcedureRunner"/> is the one place that runs them):
/// a span named after the procedure and the histogram <see cref="DurationName"/> tagged with the procedure and the
/// outcome. Both come from the static <see cref="ActivitySource"/> and <see cref="Meter"/> named <see cref="Name"/>:
/// when nothing listens (no OpenTelemetry configured) a call costs a null check. Only the procedure's name and the
/// outcome (a MYSQL_ERRNO from db/ERRORS.md, never a message) are recorded: no argument value, session token or
/// message text ever goes into a span or a metric.
/// </summary>
public static class ProcedureTelemetry
{
    /// <summary>The ActivitySource and Meter name to subscribe to ("Clinic.Data").</summary>
    public const string Name = "Clinic.Data";

    /// <summary>Histogram of call durations in seconds, tagged <see cref="ProcedureTag"/>, <see cref="OutcomeTag"/> and, on failure, <see cref="ErrorTypeTag"/>.</summary>
    public const string DurationName = "clinic.db.procedure.duration";

    /// <summary>The procedure's name (OpenTelemetry's database semantic conventions).</summary>
    public const string ProcedureTag = "db.stored_procedure.name";

    /// <summary>ok, rule (a SIGNAL: a rule refused), session_ended, unavailable, cancelled or error.</summary>
    public const string OutcomeTag = "clinic.outcome";

    /// <summary>The MySQL error number of a refusal (e.g. "50004"), or the exception's type for other failures.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>On a span: the MySQL error number as the server sent it (semantic conventions: a string).</summary>
    public const string StatusCodeTag = "db.response.status_code";

    /// <summary>On a span: the rule's MYSQL_ERRNO as a number (the code of <see cref="ClinicRuleException.Code"/>).</summary>
    public const string RuleCodeTag = "clinic.rule.code";

    /// <summary>On a span: how many times a deadlock or lock-wait timeout was retried before the outcome.</summary>
    public const string RetriesTag = "clinic.db.retries";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationName, unit: "s",
        description: "Duration of a stored-procedure call through the data layer, retries included.");

    /// <summary>Starts timing a call of <paramref name="procedure"/>; the span exists only when a listener samples it.</summary>
    internal static ProcedureCall Start(string procedure)
    {
        var activity = ActivitySource.StartActivity(procedure, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "mysql");
            activity.SetTag("db.operation.name", "CALL");
            activity.SetTag(ProcedureTag, procedure);
        }
        return new ProcedureCall(procedure, activity, Stopwatch.GetTimestamp());
    }

    /// <summary>One call in flight: ended once, with its outcome, by <see cref="Succeeded"/> or <see cref="Failed"/>.</summary>
    public sealed class ProcedureCall
    {
        private readonly string procedure;
        private readonly Activity? activity;
        private readonly long started;
        private bool _ended;

        internal ProcedureCall(string procedure, Activity? activity, long started)
        {
            this.procedure = procedure;
            this.activity = activity;
            this.started = started;
        }

        internal int Retries { get; set; }

        internal void Succeeded() => End("ok", null, null);

        /// <summary>Records the failure (the exception is the one the caller sees: mapped, or the server's own).</summary>
        internal void Failed(Exception ex)
        {
            switch (ex)
            {
                case ClinicSessionEndedException ended:
                    End("session_ended", ended.Code, null);
                    break;
                case ClinicRuleException rule:
                    End("rule", rule.Code, null);
                    break;
                case ClinicDataUnavailableException:
                    End("unavailable", (ex.InnerException as MySqlException)?.Number, ex.GetType().Name);
                    break;
                case OperationCanceledException:
                    End("cancelled", null, ex.GetType().Name);
                    break;
                case MySqlException server:
                    End("error", server.Number, null);
                    break;
                default:
                    End("error", null, ex.GetType().Name);
                    break;
            }
        }

        private void End(string outcome, int? code, string? errorType)
        {
            if (_ended)
                return;
            _ended = true;
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            errorType ??= code?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Duration.Enabled)
            {
                var tags = new TagList { { ProcedureTag, procedure }, { OutcomeTag, outcome } };
                if (errorType is not null)
                    tags.Add(ErrorTypeTag, errorType);
                Duration.Record(seconds, tags);
            }
            if (activity is null)
                return;
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(OutcomeTag, outcome);
                if (Retries > 0)
                    activity.SetTag(RetriesTag, Retries);
                if (errorType is not null)
                {
                    activity.SetTag(ErrorTypeTag, errorType);
                    if (code is not null)
                        activity.SetTag(StatusCodeTag, code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (outcome is "rule" or "session_ended")
                        activity.SetTag(RuleCodeTag, code);
                    // The description names the code only: a rule's message may quote what the user typed.
                    activity.SetStatus(ActivityStatusCode.Error, outcome == "rule" || outcome == "session_ended"
                        ? $"refused by a rule ({errorType})" : outcome);
                }
            }
            activity.Dispose();
        }
    }
}
