using System.Security.Claims;
using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Portal;
using Clinic.Web.Auth;
using Clinic.Web.Components.Portal;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Portal;

/// <summary>
/// The portal's static pages rendered with the procedures faked: the data each shows, its empty state, and a refusal's message.
/// (The forms' posts and the absence of a circuit are the browser tests' PortalJourneyTests.)
/// </summary>
public sealed class PortalPagesTests : BunitTest
{
    private FakePortal portal = default!;

    public override void Setup()
    {
        base.Setup();
        portal = new FakePortal();
        Context.Services.AddSingleton<IPortal>(portal);
        SignInWith([Permissions.PortalUse], new Claim(ClinicClaims.DisplayName, "Mary Nakato"));
    }

    private static PortalAppointmentRow Appointment(int id, DateTime at, bool upcoming, bool canCancel, string status = "booked", int refusal = 0) => new()
    {
        AppointmentId = id, StartsAt = at, EndsAt = at.AddMinutes(20), Status = status, StaffId = 3, DoctorName = "Sarah Okello",
        SpecialisationName = "General practice", IsUpcoming = upcoming, CanCancel = canCancel, CancelRefusal = refusal, CancelUntil = at.AddHours(-24),
    };

    [Test]
    public void Home_shows_the_next_appointment_and_the_sections()
    {
        portal.Appointments =
        [
            Appointment(8, new DateTime(2026, 12, 10, 9, 0, 0), upcoming: true, canCancel: true),
            Appointment(9, new DateTime(2026, 12, 20, 9, 0, 0), upcoming: true, canCancel: true),
        ];
        var home = Context.Render<PortalHome>();

        home.WaitForAssertion(() => Assert.That(home.Find("[data-testid=portal-next-when]").TextContent, Is.EqualTo("Thursday 2026-12-10 at 09:00")));
        Assert.That(home.Find("[data-testid=portal-greeting]").TextContent, Is.EqualTo("Hello, Mary Nakato"));
        Assert.That(home.Find("[data-testid=portal-next-doctor]").TextContent, Does.Contain("Sarah Okello · General practice"));
        Assert.That(home.FindAll("[data-testid^=portal-section-]").Select(a => a.GetAttribute("href")),
            Is.EqualTo(new[] { "/portal/appointments", "/portal/book", "/portal/prescriptions", "/portal/results", "/portal/visits", "/portal/bills",
                               "/portal/details", "/portal/access" }));
    }

    [Test]
    public void Home_without_appointments_says_so()
    {
        var home = Context.Render<PortalHome>();
        home.WaitForAssertion(() => Assert.That(home.Find("[data-testid=portal-next-empty]").TextContent, Is.EqualTo("No upcoming appointments.")));
    }

    [Test]
    public void An_unlinked_account_sees_the_database_message()
    {
        portal.Failure = new ClinicRuleException(51410, "Your account is not linked to a patient record. Please ask reception.");
        var page = Context.Render<PortalPrescriptions>();
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=portal-error]").TextContent, Does.Contain("not linked to a patient record")));
        Assert.That(page.FindAll("[data-testid=prescriptions-empty]"), Is.Empty);
    }

    [Test]
    public void Appointments_offer_cancelling_only_where_the_database_allows_it()
    {
        portal.Appointments =
        [
            Appointment(8, new DateTime(2026, 12, 10, 9, 0, 0), upcoming: true, canCancel: true),
            Appointment(9, new DateTime(2026, 12, 4, 15, 0, 0), upcoming: true, canCancel: false, refusal: 51423),
            Appointment(5, new DateTime(2026, 11, 2, 9, 0, 0), upcoming: false, canCancel: false, status: "completed", refusal: 51425),
        ];
        var page = Context.Render<PortalAppointments>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=appointment-row]"), Has.Count.EqualTo(2)));
        var rows = page.FindAll("[data-testid=appointment-row]");
        Assert.That(rows[0].QuerySelector("[data-testid=appointment-cancel]")!.GetAttribute("href"), Is.EqualTo("/portal/appointments?cancel=8"));
        Assert.That(rows[0].TextContent, Does.Contain("Online until Wed 2026-12-09 09:00"));
        Assert.That(rows[1].QuerySelector("[data-testid=appointment-cancel]"), Is.Null);
        Assert.That(rows[1].QuerySelector("[data-testid=appointment-cannot-cancel]")!.TextContent, Does.Contain("call the clinic"));
        Assert.That(page.Find("[data-testid=appointment-past-row] [data-testid=appointment-status]").TextContent, Is.EqualTo("Completed"));
        Assert.That(page.FindAll("[data-testid=cancel-panel]"), Is.Empty);
    }

    [Test]
    public void Appointments_empty_states()
    {
        var page = Context.Render<PortalAppointments>();
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=appointments-upcoming-empty]").TextContent, Is.EqualTo("No upcoming appointments.")));
        Assert.That(page.Find("[data-testid=appointments-past-empty]").TextContent, Is.EqualTo("No past appointments yet."));
    }

    [Test]
    public void Details_show_identity_read_only_and_contact_details_in_the_form()
    {
        var page = Context.Render<PortalDetails>();

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=details-name]").TextContent, Is.EqualTo("Mary Nakato")));
        Assert.That(page.Find("[data-testid=details-dob]").TextContent, Is.EqualTo("1990-05-14 (36 years)"));
        Assert.That(page.Find("[data-testid=details-identity-note]").TextContent.Trim(), Is.EqualTo("Ask reception to correct your name, date of birth or sex."));
        Assert.That(page.FindAll("[data-testid=details-identity] input"), Is.Empty, "name, date of birth and sex are not editable");
        Assert.That(page.Find("input[data-testid=details-phone]").GetAttribute("value"), Is.EqualTo("0772123456"));
        Assert.That(page.Find("input[data-testid=details-email]").GetAttribute("value"), Is.EqualTo("mary@example.org"));
        Assert.That(page.Find("textarea[data-testid=details-address]").TextContent, Is.EqualTo("Plot 4, Kampala Road"));
        Assert.That(page.Find("input[data-testid=details-ec-phone]").GetAttribute("value"), Is.EqualTo("0772000111"));
        Assert.That(page.Find("form").GetAttribute("method"), Is.EqualTo("post"));
    }

    [Test]
    public void Details_offer_the_patient_their_message_channels_as_the_database_stores_them()
    {
        portal.Preference = portal.Preference with { EmailEnabled = true, SmsEnabled = false, HasPhone = false };
        var page = Context.Render<PortalDetails>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=details-messages]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("input[data-testid=messages-email]").HasAttribute("checked"), Is.True);
        Assert.That(page.Find("input[data-testid=messages-sms]").HasAttribute("checked"), Is.False);
        Assert.That(page.Find("[data-testid=details-messages]").TextContent, Does.Contain("By SMS (add a phone number above first)"));
        Assert.That(page.Find("[data-testid=details-messages] form").GetAttribute("method"), Is.EqualTo("post"));
        Assert.That(portal.Calls, Does.Contain("preference"));

        portal.Preference = portal.Preference with { CanChange = false };
        var readOnly = Context.Render<PortalDetails>();
        readOnly.WaitForAssertion(() => Assert.That(readOnly.FindAll("[data-testid=details-messages]"), Has.Count.EqualTo(1)));
        Assert.That(readOnly.FindAll("[data-testid=details-messages] form"), Is.Empty, "the database says the choice cannot change");
    }

    [Test]
    public void Prescriptions_are_grouped_with_dose_and_dispensing()
    {
        PortalPrescriptionRow Item(int itemId, string name) => new()
        {
            PrescriptionId = 4, IssuedAt = new DateTime(2026, 12, 1), PrescriptionStatus = "issued", DoctorName = "Sarah Okello", PrescriptionItemId = itemId,
            MedicationName = name, Strength = "500 mg", Form = "tablet", Dose = "1 tablet", Route = "oral", Frequency = "three times a day", DurationDays = 5,
            Quantity = 15, QuantityDispensed = 15, Instructions = "After meals", StartDate = new DateTime(2026, 12, 1), EndDate = new DateTime(2026, 12, 5), IsActive = true,
        };
        portal.Prescriptions = [Item(1, "Amoxicillin"), Item(2, "Paracetamol")];
        var page = Context.Render<PortalPrescriptions>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=prescription]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=prescription-medication]").Select(m => m.TextContent),
            Is.EqualTo(new[] { "Amoxicillin 500 mg tablet", "Paracetamol 500 mg tablet" }));
        Assert.That(page.Find("[data-testid=prescription-dose]").TextContent, Is.EqualTo("1 tablet, oral, three times a day, for 5 days"));
        Assert.That(page.Find("[data-testid=prescription-item]").TextContent, Does.Contain("dispensed 15 of 15").And.Contain("After meals"));
    }

    [Test]
    public void Prescriptions_empty_state()
    {
        var page = Context.Render<PortalPrescriptions>();
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=prescriptions-empty]").TextContent, Is.EqualTo("No prescriptions yet.")));
    }

    [Test]
    public void Results_show_value_range_and_the_database_flag()
    {
        portal.Results =
        [
            new PortalLabResultRow
            {
                LabOrderId = 1, TestCode = "HB", TestName = "Haemoglobin", Specimen = "blood", VerifiedAt = new DateTime(2026, 12, 2), ResultValue = 9.50m,
                ResultUnit = "g/dL", ReferenceLow = 12.0m, ReferenceHigh = 16.0m, AbnormalFlag = "low",
            },
            new PortalLabResultRow
            {
                LabOrderId = 2, TestCode = "GLU", TestName = "Glucose", Specimen = "blood", VerifiedAt = new DateTime(2026, 12, 2), ResultValue = 5.4m,
                ResultUnit = "mmol/L", ReferenceLow = 3.9m, ReferenceHigh = 6.1m, AbnormalFlag = "normal",
            },
            new PortalLabResultRow { LabOrderId = 3, TestCode = "MAL", TestName = "Malaria smear", Specimen = "blood", VerifiedAt = new DateTime(2026, 12, 2), ResultText = "Negative" },
        ];
        var page = Context.Render<PortalResults>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=result-row]"), Has.Count.EqualTo(3)));
        var rows = page.FindAll("[data-testid=result-row]");
        Assert.That(rows[0].QuerySelector("[data-testid=result-value]")!.TextContent, Does.Contain("9.5").And.Contain("g/dL"));
        Assert.That(rows[0].QuerySelector("[data-testid=result-range]")!.TextContent, Is.EqualTo("Normal range: 12 – 16 g/dL"));
        Assert.That(rows[0].QuerySelector("[data-testid=result-flag]")!.TextContent, Is.EqualTo("Low"));
        Assert.That(rows[1].QuerySelector("[data-testid=result-flag]")!.TextContent, Is.EqualTo("Normal"));
        Assert.That(rows[2].QuerySelector("[data-testid=result-value]")!.TextContent, Does.Contain("Negative"));
        Assert.That(rows[2].QuerySelector("[data-testid=result-flag]"), Is.Null);
        Assert.That(rows[2].QuerySelector("[data-testid=result-range]"), Is.Null);
    }

    [Test]
    public void Results_empty_state()
    {
        var page = Context.Render<PortalResults>();
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=results-empty]").TextContent, Is.EqualTo("No lab results yet.")));
    }

    [Test]
    public void Visits_show_diagnoses_and_notes_only_when_shown()
    {
        portal.Visits = new PortalVisits(
        [
            new PortalVisitRow { VisitId = 31, StartedAt = new DateTime(2026, 12, 1, 9, 0, 0), Status = "closed", DoctorName = "Sarah Okello", DepartmentName = "Outpatients",
                                 PrescriptionCount = 1, LabResultCount = 2, NotesShown = false, Plan = "secret plan" },
        ],
        [new PortalDiagnosisRow { VisitId = 31, Icd10Code = "J06.9", Title = "Upper respiratory infection", IsPrimary = true }]);
        var page = Context.Render<PortalVisitsPage>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=visit]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=visit-diagnoses]").TextContent, Does.Contain("Upper respiratory infection").And.Contain("J06.9"));
        Assert.That(page.Find("[data-testid=visit-counts]").TextContent, Does.Contain("1 prescription(s) · 2 lab result(s)"));
        Assert.That(page.FindAll("[data-testid=visit-notes]"), Is.Empty);
        Assert.That(page.Markup, Does.Not.Contain("secret plan"));
    }

    [Test]
    public void Visits_empty_state()
    {
        var page = Context.Render<PortalVisitsPage>();
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=visits-empty]").TextContent, Is.EqualTo("No visits yet.")));
    }

    [Test]
    public void Bills_show_the_balance_and_empty_lists()
    {
        portal.Bills = new PortalBills(new PortalBillSummary { Balance = 25000m, OpenInvoiceCount = 1, CurrencyCode = "UGX" },
            [new PortalInvoiceRow { InvoiceId = 1, InvoiceNumber = "INV-0001", Status = "issued", IssuedAt = new DateTime(2026, 12, 1), Total = 25000m, PatientShare = 25000m, Balance = 25000m }],
            [], []);
        var page = Context.Render<PortalBillsPage>();

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=bills-balance]").TextContent, Is.EqualTo("UGX 25,000")));
        Assert.That(page.Find("[data-testid=bills-invoice-row]").TextContent, Does.Contain("INV-0001"));
        Assert.That(page.Find("[data-testid=bills-payments-empty]").TextContent, Is.EqualTo("No payments yet."));
        Assert.That(page.Find("[data-testid=bills-policies-empty]").TextContent, Is.EqualTo("No insurance on record."));
    }

    [Test]
    public void Access_log_shows_roles_and_names_only_when_shown()
    {
        portal.Access =
        [
            new PortalAccessRow { AccessedAt = new DateTime(2026, 12, 2, 10, 0, 0), RoleCode = "doctor", RoleName = "Doctor", AccessKind = "read", ReaderName = null, NamesShown = false, TotalCount = 2 },
            new PortalAccessRow { AccessedAt = new DateTime(2026, 12, 1, 10, 0, 0), RoleCode = "nurse", RoleName = "Nurse", AccessKind = "break_glass", IsBreakGlass = true, TotalCount = 2 },
        ];
        var page = Context.Render<PortalAccess>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=access-row]"), Has.Count.EqualTo(2)));
        Assert.That(page.FindAll("[data-testid=access-who]").Select(w => w.TextContent), Is.EqualTo(new[] { "Doctor", "Nurse" }));
        Assert.That(page.Find("[data-testid=access-when]").TextContent, Is.EqualTo("2026-12-02 10:00 · Read"));
        Assert.That(page.FindAll("[data-testid=access-emergency]"), Has.Count.EqualTo(1));
        Assert.That(page.Find("[data-testid=access-count]").TextContent, Is.EqualTo("1–2 of 2"));
        Assert.That(page.FindAll("[data-testid=access-older]"), Is.Empty);
    }

    [Test]
    public void Access_log_empty_state()
    {
        var page = Context.Render<PortalAccess>();
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=access-empty]").TextContent, Is.EqualTo("Nobody has opened your record yet.")));
    }

    [Test]
    public void Every_portal_page_is_static_and_needs_portal_use()
    {
        var pages = typeof(PortalHome).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(PortalHome).Namespace && t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Length > 0)
            .ToList();
        Assert.That(pages.Select(p => p.Name), Is.SupersetOf(new[]
        {
            nameof(PortalHome), nameof(PortalDetails), nameof(PortalAppointments), nameof(PortalBook), nameof(PortalPrescriptions), nameof(PortalResults),
            nameof(PortalVisitsPage), nameof(PortalBillsPage), nameof(PortalAccess), nameof(PortalJoin),
        }));
        foreach (var page in pages)
        {
            Assert.That(page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.ExcludeFromInteractiveRoutingAttribute), false), Is.Not.Empty,
                $"{page.Name} renders statically: no circuit per patient");
            var policies = page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), false)
                .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().Select(a => a.Policy).ToList();
            if (page == typeof(PortalJoin))
                Assert.That(page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute), false), Is.Not.Empty);
            else
                Assert.That(policies, Is.EqualTo(new[] { Permissions.PortalUse }), page.Name);
        }
    }
}
