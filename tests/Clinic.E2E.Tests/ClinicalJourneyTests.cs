using System.Text.RegularExpressions;
using Clinic.Data.Pharmacy;
using Clinic.Data.Queue;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// Issue 4's journey, across two roles and two browsers: the doctor opens the visit from "My day", records vitals and
/// an ICD-10 diagnosis, orders a lab test and prescribes; the pharmacist dispenses first-expiry-first-out across two
/// lots, the stock drops from the right lots and the prescription shows Dispensed. A second test: a nurse of the
/// doctor's department records vitals from the visits worklist and works a lab order to an out-of-range result.
/// </summary>
public sealed class ClinicalJourneyTests : BrowserTest
{
    private ILocator Popover(IPage page) => page.Locator(".mud-popover-open .mud-list-item");

    private static async Task FillNumberAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <summary>A full-page screenshot without the snackbars, which would cover what the step produced.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var snackbars = page.Locator(".mud-snackbar");
        var closers = snackbars.Locator("button");
        for (var i = await closers.CountAsync() - 1; i >= 0; i--)
        {
            try
            {
                await closers.Nth(i).ClickAsync(new LocatorClickOptions { Timeout = 1_000 });
            }
            catch (PlaywrightException)
            {
                // Already closing by itself.
            }
        }
        try
        {
            await Expect(snackbars).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 3_000 });
        }
        catch (PlaywrightException)
        {
            // A snackbar that stays only spoils the picture, not the test.
        }
        // A full-page shot of a scrolled page draws the fixed app bar where the window was: scroll to the top first.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath(name), Animations = ScreenshotAnimations.Disabled, FullPage = true });
    }

    private static async Task TabAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = name }).ClickAsync();
    }

    [Test]
    public async Task The_doctor_records_vitals_and_a_diagnosis_orders_a_test_and_prescribes_then_the_pharmacist_dispenses_FEFO()
    {
        // Set-up as the administrator: the doctor, the patient in today's queue, a lab test, a medication in two lots, a pharmacist.
        var doctor = await FrontDeskData.NewDoctorAsync("Okello" + Guid.NewGuid().ToString("N")[..5]);
        var family = "Nam" + Guid.NewGuid().ToString("N")[..6];
        var patient = await FrontDeskData.NewPatientAsync("Sarah", family);
        var test = await ClinicalData.NewLabTestAsync("Malaria parasite count", "/µL", 0m, 50m);
        var medication = await ClinicalData.NewMedicationWithTwoLotsAsync("amoxicillin", earlyQuantity: 10, lateQuantity: 50);
        var pharmacist = await ClinicalData.NewStaffAsync("pharmacist");
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput
        {
            PatientId = patient.PatientId, StaffId = doctor.StaffId, Priority = QueuePriority.Normal, Reason = "Fever and cough",
        });

        // 1. The doctor starts the consultation from "My day" and opens the visit workspace.
        await SignInAsync(doctor.Username, doctor.Password);
        await Page.GetByTestId("nav-my-day").ClickAsync();
        var row = Page.Locator($"[data-testid=my-queue-entry][data-queue-entry-id='{ticket.QueueEntryId}']");
        await row.GetByTestId("start-queue").ClickAsync();
        await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("With doctor");
        await row.GetByTestId("open-visit").ClickAsync();
        await Expect(TestId("visit-patient")).ToHaveTextAsync($"Sarah {family}");
        var visitId = int.Parse(Regex.Match(Page.Url, @"/visits/(\d+)").Groups[1].Value);
        Assert.That((await FrontDeskData.QueueEntryAsync(ticket.QueueEntryId))!.VisitId, Is.EqualTo(visitId));

        // 2. Vitals: BP 150/95 (flagged as unusual), pulse 88, 37.4 °C, 70 kg and 170 cm give a BMI of 24.2.
        await TabAsync(Page, "Vitals");
        await FillNumberAsync(TestId("vital-systolic"), "150");
        await FillNumberAsync(TestId("vital-diastolic"), "95");
        await FillNumberAsync(TestId("vital-pulse"), "88");
        await FillNumberAsync(TestId("vital-temperature"), "37.4");
        await FillNumberAsync(TestId("vital-weight"), "70");
        await FillNumberAsync(TestId("vital-height"), "170");
        await TestId("record-vitals").ClickAsync();
        var vitals = TestId("vital-row");
        await Expect(vitals).ToHaveCountAsync(1);
        await Expect(vitals.GetByTestId("vital-bmi")).ToContainTextAsync("24.2");
        await Expect(vitals).ToContainTextAsync("150/95");
        await Expect(vitals).ToContainTextAsync("37.4");
        await ScreenshotAsync(Page, "visit-vitals");

        // 3. A primary diagnosis chosen with the ICD-10 search.
        await TabAsync(Page, "Diagnoses");
        var icd = TestId("icd10-search");
        await icd.ClickAsync();
        await TypeAsync(icd, "malaria");
        await ChooseAsync(Popover(Page).Filter(new LocatorFilterOptions { HasText = "B50.9" }).First);
        await Expect(Page.GetByRole(AriaRole.Checkbox, new PageGetByRoleOptions { Name = "Primary diagnosis" })).ToBeCheckedAsync();
        await TestId("add-diagnosis").ClickAsync();
        var diagnosis = TestId("diagnosis-row");
        await Expect(diagnosis).ToHaveCountAsync(1);
        await Expect(diagnosis).ToContainTextAsync("B50.9");
        await Expect(diagnosis).ToHaveAttributeAsync("data-primary", "true");
        await Expect(diagnosis.GetByTestId("primary-chip")).ToHaveTextAsync("Primary");
        await ScreenshotAsync(Page, "visit-diagnosis");

        // 4. The lab test from the catalogue.
        await TabAsync(Page, "Lab");
        var labTest = TestId("lab-order-test");
        await labTest.ClickAsync();
        await TypeAsync(labTest, test.Code);
        await ChooseAsync(Popover(Page).Filter(new LocatorFilterOptions { HasText = test.Code }).First);
        await TestId("lab-order-note").FillAsync("Fever for 3 days");
        await TestId("lab-order-submit").ClickAsync();
        var labRow = TestId("lab-panel-row");
        await Expect(labRow).ToHaveCountAsync(1);
        await Expect(labRow.GetByTestId("lab-test-name")).ToHaveTextAsync(test.Name);
        await Expect(labRow.GetByTestId("lab-status-chip")).ToHaveAttributeAsync("data-status", "ordered");
        await ScreenshotAsync(Page, "visit-lab");

        // 5. The prescription: 15 capsules, more than the lot that expires first holds.
        await TabAsync(Page, "Prescriptions");
        var draft = TestId("rx-draft").First;
        var medicationInput = draft.GetByTestId("rx-medication");
        await medicationInput.ClickAsync();
        await TypeAsync(medicationInput, medication.Name[..16]);
        await ChooseAsync(Popover(Page).Filter(new LocatorFilterOptions { HasText = medication.Name }).First);
        await Expect(draft.GetByTestId("rx-stock")).ToContainTextAsync("60 in stock");
        await draft.GetByTestId("rx-dose").FillAsync("1 capsule");
        var frequency = draft.GetByTestId("rx-frequency");
        await frequency.ClickAsync();
        await frequency.FillAsync("three times a day");
        await frequency.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Escape");
        // Once the frequency is chosen the database suggests a quantity (1 capsule three times a day for 5 days: 15) and the
        // form draws it into the field; text typed before it lands is mixed with it (a fresh-clone run saved 1515, 2026-12-06).
        var quantity = draft.GetByTestId("rx-quantity");
        await Expect(quantity).ToHaveValueAsync("15");
        await FillAndLeaveAsync(quantity, "15");
        await draft.GetByTestId("rx-instructions").FillAsync("After meals");
        await TestId("rx-issue").ClickAsync();
        var issued = TestId("rx-issued");
        await Expect(issued).ToHaveCountAsync(1);
        await Expect(issued.GetByTestId("rx-status")).ToHaveTextAsync("Issued");
        await Expect(issued.GetByTestId("rx-issued-item")).ToContainTextAsync(medication.Name);
        var prescriptionId = int.Parse((await issued.GetAttributeAsync("data-prescription-id"))!);
        var prescribed = await ClinicalData.PrescriptionAsync(prescriptionId);
        Assert.That(prescribed!.Items.Single().Quantity, Is.EqualTo(15));
        await ScreenshotAsync(Page, "visit-prescription");

        // 6. The pharmacist, in another browser, sees it pending and dispenses it.
        await using var pharmacyContext = await NewContextAsync();
        var pharmacy = await pharmacyContext.NewPageAsync();
        await SubmitSignInAsync(pharmacy, pharmacist.Username, pharmacist.Password);
        await pharmacy.GotoAsync("/pharmacy");
        await pharmacy.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        var pending = pharmacy.Locator($"[data-testid=pending-row][data-prescription-id='{prescriptionId}']");
        await Expect(pending.GetByTestId("pending-patient")).ToHaveTextAsync($"Sarah {family}");
        await Expect(pending.GetByTestId("pending-item-count")).ToHaveTextAsync("1");
        await ScreenshotAsync(pharmacy, "pharmacy-dashboard");

        await pending.GetByTestId("pending-dispense").ClickAsync();
        await Expect(pharmacy.GetByTestId("dispense-title")).ToHaveTextAsync($"Prescription #{prescriptionId}");
        var item = pharmacy.GetByTestId("dispense-item");
        await Expect(item.GetByTestId("item-remaining")).ToHaveTextAsync("15");
        // First expiry, first out: all 10 of the lot expiring in 60 days, then 5 of the one expiring in 300.
        var lots = item.GetByTestId("preview-lot");
        await Expect(lots).ToHaveCountAsync(2);
        await Expect(lots.Nth(0).GetByTestId("preview-batch")).ToHaveTextAsync(medication.EarlyBatch);
        await Expect(lots.Nth(0).GetByTestId("preview-take")).ToHaveTextAsync("10");
        await Expect(lots.Nth(1).GetByTestId("preview-batch")).ToHaveTextAsync(medication.LateBatch);
        await Expect(lots.Nth(1).GetByTestId("preview-take")).ToHaveTextAsync("5");
        await ScreenshotAsync(pharmacy, "pharmacy-dispense");

        await pharmacy.GetByTestId("dispense-submit").ClickAsync();
        await Expect(pharmacy.GetByTestId("receipt-number")).ToHaveTextAsync(new Regex(@"\S+"));
        var receiptNumber = (await pharmacy.GetByTestId("receipt-number").TextContentAsync())!.Trim();
        var receiptHref = (await pharmacy.GetByTestId("receipt-link").GetAttributeAsync("href"))!;
        Assert.That(receiptHref, Does.Contain("/print/receipts/"));
        await Expect(pharmacy.GetByTestId("dispense-complete")).ToBeVisibleAsync();
        await ScreenshotAsync(pharmacy, "pharmacy-dispensed");

        // 7. The stock dropped from the right lots, and the prescription is dispensed: in the database ...
        var onHand = (await ClinicalData.LotsAsync(medication.MedicationId)).ToDictionary(l => l.StockLotId, l => l.QuantityOnHand);
        Assert.Multiple(() =>
        {
            Assert.That(onHand[medication.EarlyLotId], Is.EqualTo(0), "the lot expiring first is emptied");
            Assert.That(onHand[medication.LateLotId], Is.EqualTo(45), "the rest comes from the later lot");
        });
        var dispensed = await ClinicalData.PrescriptionAsync(prescriptionId);
        Assert.That(dispensed!.Header.Status, Is.EqualTo(PrescriptionStatus.Dispensed));
        Assert.That(dispensed.Items.Single().QuantityDispensed, Is.EqualTo(15));

        // ... on the dashboard (no longer pending), and in the doctor's visit workspace.
        await pharmacy.GetByTestId("back-to-pharmacy").ClickAsync();
        await Expect(pharmacy.GetByTestId("pending-prescriptions")).ToBeVisibleAsync();
        await Expect(pending).ToHaveCountAsync(0);
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await TabAsync(Page, "Prescriptions");
        await Expect(TestId("rx-issued").GetByTestId("rx-status")).ToHaveTextAsync("Dispensed");
        await Expect(TestId("rx-issued").GetByTestId("rx-status")).ToHaveAttributeAsync("data-status", PrescriptionStatus.Dispensed);
        await Expect(TestId("rx-issued-item")).ToContainTextAsync("15");
        await ScreenshotAsync(Page, "visit-prescription-dispensed");

        // 8. The printable receipt.
        await pharmacy.GotoAsync(receiptHref);
        await Expect(pharmacy.GetByTestId("print-receipt-number")).ToHaveTextAsync(receiptNumber);
        await Expect(pharmacy.GetByTestId("print-patient")).ToContainTextAsync($"Sarah {family}");
        await Expect(pharmacy.GetByTestId("print-line")).Not.ToHaveCountAsync(0);
        await ScreenshotAsync(pharmacy, "receipt");
    }

    [Test]
    public async Task A_nurse_of_the_department_records_vitals_from_the_visits_worklist_and_works_a_lab_order_to_a_high_result()
    {
        var doctor = await FrontDeskData.NewDoctorAsync("Wasswa" + Guid.NewGuid().ToString("N")[..5]);
        var department = await ClinicalData.DepartmentOfAsync(doctor.AccountId);
        Assert.That(department, Is.Not.Null);
        var nurse = await ClinicalData.NewStaffAsync("nurse", department);
        var family = "Aci" + Guid.NewGuid().ToString("N")[..6];
        var patient = await FrontDeskData.NewPatientAsync("Mary", family);
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput
        {
            PatientId = patient.PatientId, StaffId = doctor.StaffId, Priority = QueuePriority.Normal, Reason = "Muscle weakness",
        });
        var visitId = await ClinicalData.StartConsultationAsync(doctor.AccountId, ticket.QueueEntryId);
        var test = await ClinicalData.NewLabTestAsync("Serum potassium", "mmol/L", 3.5m, 5.1m);
        var orderId = await ClinicalData.OrderLabTestAsync(doctor.AccountId, visitId, test.LabTestId, "Weakness, on diuretics");

        // 1. The nurse finds the visit on the department's worklist: no vitals yet.
        await SignInAsync(nurse.Username, nurse.Password);
        await GotoInteractiveAsync("/visits");
        await Expect(TestId("visits-title")).ToHaveTextAsync("My department's visits");
        var open = Page.Locator($"[data-testid=open-visit][data-visit-id='{visitId}']");
        var row = Page.Locator("tr").Filter(new LocatorFilterOptions { Has = open });
        await Expect(row).ToContainTextAsync($"Mary {family}");
        await Expect(row.GetByTestId("vitals-needed")).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "nurse-visits");

        // 2. ... opens it and records vitals; coding diagnoses stays the doctor's.
        await open.ClickAsync();
        await Expect(TestId("visit-patient")).ToHaveTextAsync($"Mary {family}");
        await TabAsync(Page, "Vitals");
        await FillNumberAsync(TestId("vital-systolic"), "118");
        await FillNumberAsync(TestId("vital-diastolic"), "76");
        await FillNumberAsync(TestId("vital-pulse"), "72");
        await FillNumberAsync(TestId("vital-temperature"), "36.8");
        await FillNumberAsync(TestId("vital-spo2"), "98");
        await TestId("record-vitals").ClickAsync();
        await Expect(TestId("vital-row")).ToHaveCountAsync(1);
        await Expect(TestId("vital-row")).ToContainTextAsync("118/76");
        await ScreenshotAsync(Page, "nurse-vitals");
        await TabAsync(Page, "Diagnoses");
        await Expect(TestId("diagnoses-empty")).ToBeVisibleAsync();
        await Expect(TestId("diagnosis-form")).ToHaveCountAsync(0);

        // 3. On the lab worklist the nurse collects the specimen and enters a result above the range: shown as High.
        await GotoInteractiveAsync("/lab");
        var order = TestId("lab-table").Locator("tr").Filter(new LocatorFilterOptions { HasText = $"Mary {family}" });
        await Expect(order.GetByTestId("lab-test-name")).ToHaveTextAsync(test.Name);
        await Expect(order.GetByTestId("lab-status-chip")).ToHaveAttributeAsync("data-status", "ordered");
        await order.GetByTestId("lab-collect").ClickAsync();
        await Expect(order.GetByTestId("lab-status-chip")).ToHaveAttributeAsync("data-status", "specimen_collected");
        var dialog = Page.Locator(".mud-dialog").Last;
        await OpenAsync(Page, order.GetByTestId("lab-enter-result"), dialog.GetByTestId("lab-result-value-input"), "lab-result-dialog");
        await FillNumberAsync(dialog.GetByTestId("lab-result-value-input"), "6.2");
        await dialog.GetByTestId("lab-result-submit").ClickAsync();
        await Expect(Page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(order.GetByTestId("lab-status-chip")).ToHaveAttributeAsync("data-status", "resulted");
        await Expect(order.GetByTestId("lab-result-value")).ToHaveAttributeAsync("data-flag", "high");
        await Expect(order.GetByTestId("abnormal-chip")).ToHaveTextAsync("High");
        await Expect(order).ToHaveClassAsync(new Regex("lab-row-abnormal"));
        await ScreenshotAsync(Page, "lab-worklist-high");

        var stored = await ClinicalData.LabOrderAsync(orderId);
        Assert.That(stored!.Status, Is.EqualTo("resulted"));
        Assert.That(stored.AbnormalFlag, Is.EqualTo("high"));
        Assert.That(stored.ResultValue, Is.EqualTo(6.2m));
    }

    [Test]
    public async Task A_nurse_records_an_allergy_and_removes_it_only_with_a_reason_which_stays_on_record()
    {
        var doctor = await FrontDeskData.NewDoctorAsync("Kato" + Guid.NewGuid().ToString("N")[..5]);
        var nurse = await ClinicalData.NewStaffAsync("nurse", await ClinicalData.DepartmentOfAsync(doctor.AccountId));
        var family = "Nam" + Guid.NewGuid().ToString("N")[..6];
        var patient = await FrontDeskData.NewPatientAsync("Ruth", family);
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput
        {
            PatientId = patient.PatientId, StaffId = doctor.StaffId, Priority = QueuePriority.Normal, Reason = "Rash",
        });
        var visitId = await ClinicalData.StartConsultationAsync(doctor.AccountId, ticket.QueueEntryId);

        await SignInAsync(nurse.Username, nurse.Password);
        await GotoInteractiveAsync($"/visits/{visitId}");
        await Expect(TestId("visit-patient")).ToHaveTextAsync($"Ruth {family}");
        await TabAsync(Page, "Allergies");
        await TestId("allergy-substance").FillAsync("Latex");
        await TestId("allergy-substance").PressAsync("Tab");
        await TestId("add-allergy").ClickAsync();
        await Expect(TestId("allergy-row")).ToHaveCountAsync(1);
        await Expect(TestId("allergy-banner")).ToContainTextAsync("Latex");

        // The reason is the database's rule (allergy_deactivate, 50754): without one the dialog stays open with the sentence.
        var dialog = Page.Locator(".mud-dialog").Last;
        await OpenAsync(Page, TestId("remove-allergy"), dialog.GetByTestId("allergy-reason-submit"), "remove-allergy-dialog");
        await Expect(dialog).ToContainTextAsync("Latex");
        await dialog.GetByTestId("allergy-reason-submit").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Please give a reason for removing the allergy." })).ToBeVisibleAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByTestId("allergy-reason").FillAsync("Recorded in error");
        await dialog.GetByTestId("allergy-reason").PressAsync("Tab");
        await dialog.GetByTestId("allergy-reason-submit").ClickAsync();
        await Expect(TestId("allergies-empty")).ToBeVisibleAsync();
        await Expect(TestId("allergy-banner")).ToContainTextAsync("No known allergies");
        await ScreenshotAsync(Page, "allergy-removed");

        var stored = (await ClinicalData.AllergiesAsync(doctor.AccountId, patient.PatientId)).Single();
        Assert.That(stored.Substance, Is.EqualTo("Latex"));
        Assert.That(stored.Status, Is.EqualTo("inactive"));
        Assert.That(stored.InactiveReason, Is.EqualTo("Recorded in error"));
    }
}
