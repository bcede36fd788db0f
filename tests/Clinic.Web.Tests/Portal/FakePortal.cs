using Clinic.Data.Portal;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Portal;

/// <summary>The portal's procedures as the tests set them: what each returns, or the refusal it throws, and what was called.</summary>
public sealed class FakePortal : IPortal
{
    public PortalMyDetails Details { get; set; } = new()
    {
        PatientId = 12, Mrn = "HMS/000012", GivenName = "Mary", FamilyName = "Nakato", Sex = "female", DateOfBirth = new DateTime(1990, 5, 14),
        AgeYears = 36, Phone = "+256772123456", PhoneLocal = "0772123456", Email = "mary@example.org", Address = "Plot 4, Kampala Road",
        EmergencyContactName = "John Nakato", EmergencyContactPhone = "+256772000111", EmergencyContactPhoneLocal = "0772000111",
        IdentityNote = "Ask reception to correct your name, date of birth or sex.", CanEditContact = true,
    };

    public List<PortalAppointmentRow> Appointments { get; set; } = [];
    public PortalBookingRules Rules { get; set; } = new()
    {
        BookingWindowDays = 60, LastBookableDay = new DateTime(2027, 2, 1), MaxFutureBookings = 3, FutureBookings = 1, CanBook = true, CancelHours = 24,
    };
    public List<PortalDoctorRow> Doctors { get; set; } = [];
    public List<PortalFreeSlotRow> Slots { get; set; } = [];
    public List<PortalPrescriptionRow> Prescriptions { get; set; } = [];
    public List<PortalLabResultRow> Results { get; set; } = [];
    public PortalVisits Visits { get; set; } = new([], []);
    public PortalBills Bills { get; set; } = new(new PortalBillSummary { CurrencyCode = "UGX" }, [], [], []);
    public List<PortalAccessRow> Access { get; set; } = [];
    public Clinic.Data.Notifications.ContactPreference Preference { get; set; } = new()
    {
        PatientId = 12, EmailEnabled = true, SmsEnabled = true, HasEmail = true, HasPhone = true, CanChange = true,
    };

    /// <summary>Thrown by every call when set (a refusal or an outage).</summary>
    public Exception? Failure { get; set; }

    public List<string> Calls { get; } = [];

    private Task<T> Answer<T>(string call, T value)
    {
        Calls.Add(call);
        return Failure is null ? Task.FromResult(value) : Task.FromException<T>(Failure);
    }

    public Task<PortalMyDetails> MyDetailsAsync(CancellationToken ct = default) => Answer("my_details", Details);
    public Task UpdateContactAsync(PortalContactInput input, CancellationToken ct = default) => Answer($"update {input.Phone}", 0);
    public Task<Clinic.Data.Notifications.ContactPreference> ContactPreferenceAsync(CancellationToken ct = default) => Answer("preference", Preference);

    public Task SetContactPreferenceAsync(bool emailEnabled, bool smsEnabled, CancellationToken ct = default) =>
        Answer($"preference email={emailEnabled} sms={smsEnabled}", 0);
    public Task<IReadOnlyList<PortalAppointmentRow>> AppointmentsAsync(CancellationToken ct = default) => Answer<IReadOnlyList<PortalAppointmentRow>>("appointments", Appointments);
    public Task<PortalBookingRules> BookingRulesAsync(CancellationToken ct = default) => Answer("rules", Rules);
    public Task<IReadOnlyList<PortalDoctorRow>> DoctorsAsync(CancellationToken ct = default) => Answer<IReadOnlyList<PortalDoctorRow>>("doctors", Doctors);

    public Task<IReadOnlyList<PortalFreeSlotRow>> FreeSlotsAsync(int? staffId, int? specialisationId, DateTime? from, int count, CancellationToken ct = default) =>
        Answer<IReadOnlyList<PortalFreeSlotRow>>($"slots {staffId} {specialisationId}", Slots);

    public Task<int> BookAsync(int staffId, DateTime startsAt, string? reason, CancellationToken ct = default) => Answer($"book {staffId} {startsAt:yyyy-MM-dd HH:mm}", 77);
    public Task CancelAsync(int appointmentId, string reason, CancellationToken ct = default) => Answer($"cancel {appointmentId} {reason}", 0);
    public Task<IReadOnlyList<PortalPrescriptionRow>> PrescriptionsAsync(CancellationToken ct = default) => Answer<IReadOnlyList<PortalPrescriptionRow>>("prescriptions", Prescriptions);
    public Task<IReadOnlyList<PortalLabResultRow>> LabResultsAsync(CancellationToken ct = default) => Answer<IReadOnlyList<PortalLabResultRow>>("results", Results);
    public Task<PortalVisits> VisitsAsync(CancellationToken ct = default) => Answer("visits", Visits);
    public Task<PortalBills> BillsAsync(CancellationToken ct = default) => Answer("bills", Bills);
    public Task<IReadOnlyList<PortalAccessRow>> AccessLogAsync(int offset, int limit, CancellationToken ct = default) => Answer<IReadOnlyList<PortalAccessRow>>($"access {offset}", Access);
}

/// <summary>Reception's invitations and joining, as the tests set them.</summary>
public sealed class FakePortalLinks : IPortalLinks
{
    public PortalLinkState State { get; set; } = new() { PatientId = 12, CanInvite = true };
    public Exception? InviteFailure { get; set; }
    public int Invites { get; private set; }

    public PortalInvitation Invitation { get; set; } = new()
    {
        PortalInvitationId = 5, Code = "ABCD-EFGH-JKLM", ExpiresAt = new DateTime(2026, 12, 7, 10, 30, 0), PatientId = 12, Mrn = "HMS/000012",
        GivenName = "Mary", FamilyName = "Nakato", JoinPath = "/portal/join", ClinicName = "Good Health Clinic", ClinicAddress = "Plot 1, Main Street",
        ClinicPhone = "+256414000000",
    };

    public Task<PortalLinkState> GetAsync(int patientId, CancellationToken ct = default) => Task.FromResult(State);

    public Task<PortalInvitation> InviteAsync(int patientId, CancellationToken ct = default)
    {
        Invites++;
        if (InviteFailure is not null)
            return Task.FromException<PortalInvitation>(InviteFailure);
        State = State with { InvitationStatus = "pending", InvitationExpiresAt = Invitation.ExpiresAt, InvitationCreatedAt = Invitation.ExpiresAt.AddHours(-72) };
        return Task.FromResult(Invitation);
    }

    public Task<PortalJoinResult> JoinAsync(string code, DateTime? dateOfBirth, string username, string password, CancellationToken ct = default) =>
        Task.FromResult(new PortalJoinResult { UserAccountId = 99, Username = username });
}
