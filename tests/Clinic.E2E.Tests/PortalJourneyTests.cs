using System.Text.RegularExpressions;
using Clinic.Data.Clinical;
using Clinic.Data.Lab;
using Clinic.Data.Pharmacy;
using Clinic.Data.Scheduling;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The patient portal (issue 13), end to end: reception invites from the profile, the patient joins and books, the doctor's
/// and the lab's work (through the procedures, as those staff), then the patient reads the record, cancels, and sees who
/// opened it. Every portal page is photographed at 375 px and 1280 px wide; none of them starts a Blazor circuit.
/// </summary>
public sealed class PortalJourneyTests : BrowserTest
{
    private const string ReceptionPassword = "reception-pass-1";
    private const string PatientPassword = "my-portal-pass-1";

    private static readonly string[] PortalPages =
    [
        "/portal", "/portal/appointments", "/portal/book", "/portal/prescriptions", "/portal/results", "/portal/visits", "/portal/bills",
        "/portal/details", "/portal/access",
    ];

    [Test]
    public async Task Reception_invites_the_patient_joins_books_reads_verified_results_cancels_and_sees_who_opened_the_record()
    {
        var doctor = await FrontDeskData.NewDoctorAsync("Portal" + Guid.NewGuid().ToString("N")[..5]);
        var patient = await FrontDeskData.NewPatientAsync("Amina", "Px" + Guid.NewGuid().ToString("N")[..8]);
        var (receptionistId, receptionist) = await ClinicApp.CreateAccountAsync("rec", "receptionist", ReceptionPassword);

        // 1. Reception invites the patient from the profile and reads the one-time code off the slip.
        await SignInAsync(receptionist, ReceptionPassword);
        await GotoInteractiveAsync($"/patients/{patient.PatientId}");
        var panel = TestId("portal-panel");
        await Expect(panel.GetByTestId("portal-not-linked")).ToBeVisibleAsync();
        await panel.GetByTestId("portal-invite").ClickAsync();
        var codeText = panel.GetByTestId("portal-code");
        await Expect(codeText).ToHaveTextAsync(new Regex(@"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"));
        var code = (await codeText.TextContentAsync())!;
        await Expect(panel.GetByTestId("slip-address")).ToHaveTextAsync(new Regex("/portal/join$"));
        await Expect(panel.GetByTestId("portal-code-expiry")).ToContainTextAsync("Valid until");
        await Expect(panel.GetByTestId("portal-print")).ToBeVisibleAsync();
        await panel.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync("portal-0-reception-invite");
        // Printing shows the slip alone (print CSS while the slip is on the screen).
        await Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(TestId("patient-name")).ToBeHiddenAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("portal-0-slip-print"), Animations = ScreenshotAnimations.Disabled });
        await Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // 2. The patient, in their own browser, joins with the code, signs in and lands on the portal.
        await using var patientContext = await NewContextAsync();
        var me = await patientContext.NewPageAsync();
        var blazorRequests = new List<string>();
        me.Request += (_, request) =>
        {
            if (request.Url.Contains("/_blazor", StringComparison.Ordinal))
                blazorRequests.Add(request.Url);
        };
        me.WebSocket += (_, socket) => blazorRequests.Add(socket.Url);

        await me.GotoAsync("/account/sign-in");
        await me.GetByTestId("sign-in-join").ClickAsync();
        await Expect(me).ToHaveURLAsync(new Regex("/portal/join$"));
        await me.GetByTestId("join-code").FillAsync(code.ToLowerInvariant());
        await me.GetByTestId("join-dob").FillAsync("1988-03-09");
        var username = ClinicApp.UniqueUsername("pt");
        await me.GetByTestId("join-username").FillAsync(username);
        await me.GetByTestId("join-password").FillAsync(PatientPassword);
        await Shot(me, "portal-join-filled", 375);
        await me.GetByTestId("join-submit").ClickAsync();
        await Expect(me.GetByTestId("join-done")).ToContainTextAsync(username);
        await me.GetByTestId("join-sign-in").ClickAsync();
        await SubmitSignInAsync(me, username, PatientPassword);
        await Expect(me).ToHaveURLAsync(new Regex("/portal$"));
        await Expect(me.GetByTestId("portal-greeting")).ToContainTextAsync("Hello");
        await Expect(me.GetByTestId("portal-next-empty")).ToHaveTextAsync("No upcoming appointments.");

        // The profile now shows the link.
        await GotoInteractiveAsync($"/patients/{patient.PatientId}");
        await Expect(TestId("portal-panel").GetByTestId("portal-username")).ToHaveTextAsync(username);

        // ... books the doctor's first free time, then one ten days later.
        var first = await BookAsync(me, doctor.StaffId, null, "Cough for a week");
        var later = await BookAsync(me, doctor.StaffId, DateTime.Today.AddDays(10), "Follow-up");
        await Expect(me.Locator($"[data-testid=appointment-row][data-appointment-id='{later}']")).ToContainTextAsync(doctor.FamilyName);
        var firstAppointment = await FrontDeskData.AppointmentAsync(first);
        Assume.That(firstAppointment!.StartsAt.Date, Is.EqualTo(DateTime.Today), "the first free time is today unless the test runs just before midnight");

        // 3. The doctor sees the patient: a diagnosis, a prescription, two lab tests; the lab verifies one and leaves the other preliminary.
        var medication = await ClinicalData.NewMedicationWithTwoLotsAsync("amoxicillin", 20, 20);
        var verifiedTest = await ClinicalData.NewLabTestAsync("Portal haemoglobin", "g/dL", 10m, 20m);
        var preliminaryTest = await ClinicalData.NewLabTestAsync("Portal ferritin", "ng/mL", 30m, 300m);
        var nurse = await ClinicalData.NewStaffAsync("nurse", await ClinicalData.DepartmentOfAsync(doctor.AccountId));
        await ClinicApp.AsAsync(receptionistId, async (runner, session) =>
        {
            await new AppointmentProcedures(runner, session).CheckInAsync(first);
            return 0;
        });
        var visitId = await ClinicApp.AsAsync(doctor.AccountId, (runner, session) => new AppointmentProcedures(runner, session).StartAsync(first));
        var (verifiedOrder, preliminaryOrder) = await ClinicApp.AsAsync(doctor.AccountId, async (runner, session) =>
        {
            await new VisitProcedures(runner, session).AddDiagnosisAsync(visitId, "J06.9", true);
            await new PrescriptionProcedures(runner, session).IssueAsync(visitId,
            [
                new PrescriptionItemInput
                {
                    MedicationId = medication.MedicationId, Dose = "1 capsule", Frequency = "three times a day", DurationDays = 5, Quantity = 15,
                    Instructions = "After meals", StartDate = DateTime.Today,
                },
            ]);
            var lab = new LabProcedures(runner, session);
            return (await lab.PlaceAsync(visitId, verifiedTest.LabTestId, null), await lab.PlaceAsync(visitId, preliminaryTest.LabTestId, null));
        });
        await ClinicApp.AsAsync(nurse.AccountId, async (runner, session) =>
        {
            var lab = new LabProcedures(runner, session);
            await lab.CollectAsync(verifiedOrder);
            await lab.ResultAsync(verifiedOrder, 25.5m, null);
            await lab.CollectAsync(preliminaryOrder);
            await lab.ResultAsync(preliminaryOrder, 12m, null);
            return 0;
        });
        await ClinicApp.AsAsync(doctor.AccountId, async (runner, session) =>
        {
            await new LabProcedures(runner, session).VerifyAsync(verifiedOrder);
            await new AppointmentProcedures(runner, session).CompleteAsync(first);
            return 0;
        });

        // 4. The patient sees the verified result with its range and flag, not the preliminary one, and the prescription.
        await me.GotoAsync("/portal/results");
        var result = me.Locator($"[data-testid=result-row][data-lab-order-id='{verifiedOrder}']");
        await Expect(result.GetByTestId("result-test")).ToContainTextAsync(verifiedTest.Name);
        await Expect(result.GetByTestId("result-value")).ToContainTextAsync("25.5");
        await Expect(result.GetByTestId("result-range")).ToHaveTextAsync("Normal range: 10 – 20 g/dL");
        await Expect(result.GetByTestId("result-flag")).ToHaveTextAsync("High");
        await Expect(me.GetByTestId("result-row")).ToHaveCountAsync(1);
        await Expect(me.Locator("main")).Not.ToContainTextAsync(preliminaryTest.Name);

        await me.GotoAsync("/portal/prescriptions");
        await Expect(me.GetByTestId("prescription-medication")).ToContainTextAsync(medication.Name.Split(' ')[0]);
        await Expect(me.GetByTestId("prescription-dose")).ToHaveTextAsync("1 capsule, oral, three times a day, for 5 days");

        await me.GotoAsync("/portal/visits");
        await Expect(me.Locator($"[data-testid=visit][data-visit-id='{visitId}']")).ToContainTextAsync(doctor.FamilyName);
        await Expect(me.GetByTestId("visit-diagnoses")).ToContainTextAsync("J06.9");

        // ... changes their email address (the database checks it; name and date of birth are reception's).
        await me.GotoAsync("/portal/details");
        await me.GetByTestId("details-email").FillAsync("not-an-email");
        await SubmitUntilShownAsync(me, me.GetByTestId("details-save"), me.GetByTestId("portal-error"), "portal-bad-email");
        await Expect(me.GetByTestId("portal-error")).ToBeVisibleAsync();
        await Expect(me.GetByTestId("details-email")).ToHaveValueAsync("not-an-email");
        await me.GetByTestId("details-email").FillAsync("amina.portal@example.org");
        await me.GetByTestId("details-save").ClickAsync();
        await Expect(me.GetByTestId("details-saved")).ToBeVisibleAsync();
        await Expect(me.GetByTestId("details-email")).ToHaveValueAsync("amina.portal@example.org");
        await Expect(me.GetByTestId("details-identity-note")).ToContainTextAsync("reception");

        // ... and opts out of SMS (seed 001's reminders): the outbox will send them email only.
        await Expect(me.GetByTestId("messages-sms")).ToBeCheckedAsync();
        await me.GetByTestId("messages-sms").UncheckAsync();
        await me.GetByTestId("messages-save").ClickAsync();
        await Expect(me.GetByTestId("messages-saved")).ToBeVisibleAsync();
        await Expect(me.GetByTestId("messages-sms")).Not.ToBeCheckedAsync();
        await Expect(me.GetByTestId("messages-email")).ToBeCheckedAsync();
        await using (var connection = new MySqlConnector.MySqlConnection(ClinicApp.MigratorConnectionString))
        {
            var choice = await Dapper.SqlMapper.QuerySingleAsync<(int Email, int Sms)>(connection,
                "SELECT email_enabled, sms_enabled FROM patient_contact_preference WHERE patient_id = @id", new { id = patient.PatientId });
            Assert.That(choice, Is.EqualTo((1, 0)), "the patient's own choice is stored for their record");
        }
        await Shot(me, "portal-details-messages", 375);

        // 5. The patient cancels the later appointment, with a reason; the completed one cannot be cancelled.
        await me.GotoAsync("/portal/appointments");
        await Expect(me.Locator($"[data-testid=appointment-past-row][data-appointment-id='{first}']")).ToContainTextAsync("Completed");
        await me.Locator($"[data-testid=appointment-row][data-appointment-id='{later}']").GetByTestId("appointment-cancel").ClickAsync();
        await Expect(me.GetByTestId("cancel-panel")).ToBeVisibleAsync();
        await me.GetByTestId("cancel-confirm").ClickAsync();
        await Expect(me.GetByTestId("portal-error")).ToHaveTextAsync("Please tell us why you are cancelling.");
        await me.GetByTestId("cancel-reason").FillAsync("Feeling better");
        await Shot(me, "portal-cancel", 375);
        await me.GetByTestId("cancel-confirm").ClickAsync();
        await Expect(me.GetByTestId("appointment-cancelled")).ToBeVisibleAsync();
        var cancelled = me.Locator($"[data-testid=appointment-past-row][data-appointment-id='{later}']");
        await Expect(cancelled.GetByTestId("appointment-status")).ToHaveTextAsync("Cancelled");
        await Expect(cancelled).ToContainTextAsync("Feeling better");
        Assert.That((await FrontDeskData.AppointmentAsync(later))!.Status, Is.EqualTo("cancelled"));

        // 6. The patient sees who opened the record: the receptionist's read of the profile is there, by role.
        await me.GotoAsync("/portal/access");
        await Expect(me.GetByTestId("access-who").Filter(new LocatorFilterOptions { HasText = "Receptionist" }).First).ToBeVisibleAsync();

        // Every portal page, on a phone and on a desktop (looked at by hand), none with a circuit.
        foreach (var width in new[] { 375, 1280 })
        {
            foreach (var path in PortalPages)
            {
                await me.GotoAsync(path);
                await Expect(me.GetByTestId("portal-nav")).ToBeVisibleAsync();
                await Shot(me, "portal" + (path == "/portal" ? "-home" : path[7..].Replace('/', '-')), width);
            }
        }
        await me.GotoAsync("/portal/book?who=d" + doctor.StaffId);
        await Shot(me, "portal-book-slots", 375);
        await Shot(me, "portal-book-slots", 1280);
        Assert.That(blazorRequests, Is.Empty, "the portal's pages are static: no request to /_blazor, no circuit");

        // Home sends the patient to the portal.
        await me.GotoAsync("/");
        await Expect(me).ToHaveURLAsync(new Regex("/portal$"));

        // Signing out from the portal's header ends the session.
        await me.GetByTestId("sign-out").ClickAsync();
        await Expect(me).ToHaveURLAsync(new Regex("/account/sign-in"));
        await me.GotoAsync("/portal");
        await Expect(me).ToHaveURLAsync(new Regex("/account/sign-in"));
    }

    [Test]
    public async Task The_portal_s_html_holds_no_interactive_component_while_a_staff_page_does()
    {
        var patient = await FrontDeskData.NewPatientAsync("Grace", "Px" + Guid.NewGuid().ToString("N")[..8]);
        var code = await ClinicApp.AsAdminAsync((runner, admin) =>
            new Clinic.Data.Portal.PortalLinkProcedures(runner, admin, Clinic.Tests.Shared.TestPasswords.Hasher).InviteAsync(patient.PatientId));
        var username = ClinicApp.UniqueUsername("pt");
        await Page.GotoAsync("/portal/join");
        await TestId("join-code").FillAsync(code.Code);
        await TestId("join-dob").FillAsync("1988-03-09");
        await TestId("join-username").FillAsync(username);
        await TestId("join-password").FillAsync(PatientPassword);
        await TestId("join-submit").ClickAsync();
        await Expect(TestId("join-done")).ToBeVisibleAsync();
        await SubmitSignInAsync(Page, username, PatientPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/portal$"));

        foreach (var path in PortalPages)
        {
            var html = await (await Page.APIRequest.GetAsync(path)).TextAsync();
            Assert.That(html, Does.Contain("portal-nav"), path);
            Assert.That(html, Does.Not.Contain("<!--Blazor:"), $"{path} renders a server component marker: a circuit would start");
        }

        // The check can fail: a staff page (rendered interactively) carries the marker.
        await using var staff = await NewContextAsync();
        var staffPage = await staff.NewPageAsync();
        await SubmitSignInAsync(staffPage, "admin", "admin123");
        var staffHtml = await (await staffPage.APIRequest.GetAsync("/")).TextAsync();
        Assert.That(staffHtml, Does.Contain("<!--Blazor:"));
    }

    /// <summary>Books through /portal/book (search, then the first free time); returns the new appointment's id.</summary>
    private static async Task<int> BookAsync(IPage me, int staffId, DateTime? from, string reason)
    {
        await me.GotoAsync("/portal/book");
        await Expect(me.GetByTestId("book-rules")).ToContainTextAsync("days ahead");
        await me.Locator("#who").SelectOptionAsync($"d{staffId}");
        if (from is { } day)
            await me.GetByTestId("book-from").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await me.GetByTestId("book-find").ClickAsync();
        var slot = me.GetByTestId("book-slot").First;
        await Expect(slot).ToBeVisibleAsync();
        if (from is { } wanted)
            await Expect(slot).ToHaveAttributeAsync("data-slot", new Regex($@"\|{wanted:yyyy-MM-dd}T"));
        await slot.ClickAsync();
        await me.GetByTestId("book-reason").FillAsync(reason);
        await me.GetByTestId("book-submit").ClickAsync();
        await Expect(me.GetByTestId("appointment-booked")).ToBeVisibleAsync();
        return int.Parse(Regex.Match(me.Url, @"booked=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Shot(IPage page, string name, int width)
    {
        await page.SetViewportSizeAsync(width, width < 600 ? 812 : 900);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = ClinicApp.ScreenshotPath($"{name}-{width}"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
        });
    }
}
