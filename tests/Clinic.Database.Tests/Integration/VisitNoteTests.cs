using System.Text.Json;
using Clinic.Data.Clinical;
using static Clinic.Database.Tests.Integration.ClinicalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>The SOAP note and signed addenda: who may write, no lost updates, final once the visit is closed (also for the schema owner).</summary>
public class VisitNoteTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static readonly SoapNoteInput Note = new()
    {
        Subjective = "  Fever and headache for 3 days  ", Objective = "T 38.9, no neck stiffness", Assessment = "Suspected malaria", Plan = "   ",
    };

    [Test]
    public async Task The_treating_doctor_writes_the_note_a_nurse_of_the_department_adds_to_it_and_both_are_audited()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (nurse, _) = await Db.NursesAsync(visit);
        var before = await Db.MaxAuditIdAsync();

        var saved = await Db.VisitsAs(visit.DoctorAccountId).SaveNoteAsync(visit.VisitId, Note);

        Assert.That(saved.Subjective, Is.EqualTo("Fever and headache for 3 days"), "trimmed");
        Assert.That(saved.Plan, Is.Null, "a blank section is stored as NULL");
        Assert.That((saved.UpdatedBy, saved.UpdatedByName), Is.EqualTo((visit.DoctorAccountId, "Test doctor")));

        var byNurse = await Db.VisitsAs(nurse).SaveNoteAsync(visit.VisitId,
            new SoapNoteInput { Subjective = saved.Subjective, Objective = saved.Objective + "; RDT positive", Assessment = saved.Assessment, Plan = "ACT", ExpectedUpdatedAt = saved.UpdatedAt });
        Assert.That(byNurse.UpdatedBy, Is.EqualTo(nurse));

        var view = await Db.VisitsAs(visit.DoctorAccountId).GetNoteAsync(visit.VisitId);
        Assert.That(view.Note!.Objective, Is.EqualTo("T 38.9, no neck stiffness; RDT positive"));
        Assert.That(view.Note.Plan, Is.EqualTo("ACT"));
        Assert.That(view.Addenda, Is.Empty);

        var audit = await Db.QueryAsync<(string Action, int? Actor)>(
            "SELECT action, actor_user_id FROM audit_trail WHERE audit_log_id > @before AND table_name = 'visit_note' AND row_key = @key ORDER BY audit_log_id",
            new { before, key = visit.VisitId.ToString() });
        Assert.That(audit, Is.EqualTo(new[] { ("INSERT", (int?)visit.DoctorAccountId), ("UPDATE", (int?)nurse) }));
    }

    [Test]
    public async Task Nobody_else_may_write_the_note_not_a_nurse_of_another_department_nor_another_doctor()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (_, otherNurse) = await Db.NursesAsync(visit);
        var otherDoctor = (await Db.NewOpenVisitAsync()).DoctorAccountId;
        var (unlinkedNurse, _) = await Db.NewAccountAsync("nurse");
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");

        var refusal = await RefusalOf(() => Db.VisitsAs(otherNurse).SaveNoteAsync(visit.VisitId, Note));
        Assert.That(refusal.Code, Is.EqualTo(50705));
        Assert.That(refusal.Message, Is.EqualTo("Only the treating doctor or a nurse of the doctor's department can write in this visit."));
        Assert.That(await CodeOf(() => Db.VisitsAs(otherDoctor).SaveNoteAsync(visit.VisitId, Note)), Is.EqualTo(50705));
        Assert.That(await CodeOf(() => Db.VisitsAs(unlinkedNurse).SaveNoteAsync(visit.VisitId, Note)), Is.EqualTo(50705));
        var admin = await Db.AdminIdAsync();
        Assert.That(await CodeOf(() => Db.VisitsAs(admin).SaveNoteAsync(visit.VisitId, Note)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.VisitsAs(receptionist).SaveNoteAsync(visit.VisitId, Note)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => Db.VisitsAs(visit.DoctorAccountId).SaveNoteAsync(int.MaxValue, Note)), Is.EqualTo(50701));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit_note WHERE visit_id = @VisitId", visit), Is.EqualTo(0));
    }

    [Test]
    public async Task A_save_over_a_colleagues_newer_text_is_refused()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (nurse, _) = await Db.NursesAsync(visit);
        var doctorNotes = Db.VisitsAs(visit.DoctorAccountId);
        var loaded = await doctorNotes.SaveNoteAsync(visit.VisitId, Note);
        await Db.OwnerExecuteAsync("UPDATE visit_note SET updated_at = updated_at - INTERVAL 1 MINUTE WHERE visit_id = @VisitId", visit);
        var stale = (await doctorNotes.GetNoteAsync(visit.VisitId)).Note!.UpdatedAt;
        await Db.VisitsAs(nurse).SaveNoteAsync(visit.VisitId, new SoapNoteInput { Subjective = "Nurse's version", ExpectedUpdatedAt = stale });

        Assert.That(await CodeOf(() => doctorNotes.SaveNoteAsync(visit.VisitId, new SoapNoteInput { Subjective = "Doctor's version", ExpectedUpdatedAt = stale })),
            Is.EqualTo(VisitProcedures.NoteChangedMeanwhile));
        // An editor that saw no note does not overwrite one written meanwhile either.
        Assert.That(await CodeOf(() => doctorNotes.SaveNoteAsync(visit.VisitId, new SoapNoteInput { Subjective = "Doctor's version" })), Is.EqualTo(50708));
        Assert.That((await doctorNotes.GetNoteAsync(visit.VisitId)).Note!.Subjective, Is.EqualTo("Nurse's version"));
        Assert.That(loaded.VisitId, Is.EqualTo(visit.VisitId));
    }

    [Test]
    public async Task A_closed_visits_note_cannot_be_changed_by_the_procedure()
    {
        var visit = await Db.NewOpenVisitAsync();
        var notes = Db.VisitsAs(visit.DoctorAccountId);
        var saved = await notes.SaveNoteAsync(visit.VisitId, Note);
        await notes.CloseAsync(visit.VisitId);

        var refusal = await RefusalOf(() => notes.SaveNoteAsync(visit.VisitId, Note with { Assessment = "Changed", ExpectedUpdatedAt = saved.UpdatedAt }));

        Assert.That(refusal.Code, Is.EqualTo(VisitProcedures.VisitClosed));
        Assert.That(refusal.Message, Is.EqualTo("This visit is closed. Corrections are added as signed addenda."));
        Assert.That((await notes.GetNoteAsync(visit.VisitId)).Note!.Assessment, Is.EqualTo("Suspected malaria"));
    }

    [Test]
    public async Task Even_the_schema_owner_cannot_write_delete_or_move_a_closed_visits_note()
    {
        var visit = await Db.NewOpenVisitAsync();
        var noNote = await Db.NewVisitForDoctorAsync(visit);
        var open = await Db.NewVisitForDoctorAsync(visit);
        var notes = Db.VisitsAs(visit.DoctorAccountId);
        await notes.SaveNoteAsync(visit.VisitId, Note);
        await notes.SaveNoteAsync(open, Note);
        await notes.CloseAsync(visit.VisitId);
        await notes.CloseAsync(noNote);

        // On an open visit the owner may (the trigger guards closed visits only).
        Assert.That(await Db.OwnerExecuteAsync("UPDATE visit_note SET plan = 'Review' WHERE visit_id = @open", new { open }), Is.EqualTo(1));

        Assert.That(await Db.OwnerErrorOf("UPDATE visit_note SET assessment = 'Overwritten' WHERE visit_id = @VisitId", visit), Is.EqualTo(50706));
        Assert.That(await Db.OwnerErrorOf("DELETE FROM visit_note WHERE visit_id = @VisitId", visit), Is.EqualTo(50706));
        Assert.That(await Db.OwnerErrorOf("INSERT INTO visit_note (visit_id, subjective, updated_by) VALUES (@noNote, 'Late', @actor)",
            new { noNote, actor = visit.DoctorAccountId }), Is.EqualTo(50706));
        Assert.That(await Db.OwnerErrorOf("UPDATE visit_note SET visit_id = @noNote WHERE visit_id = @open", new { noNote, open }), Is.EqualTo(50706));
        Assert.That(await Db.ScalarAsync<string>("SELECT assessment FROM visit_note WHERE visit_id = @VisitId", visit), Is.EqualTo("Suspected malaria"));
    }

    [Test]
    public async Task After_closing_corrections_are_signed_addenda_appended_and_audited()
    {
        var visit = await Db.NewOpenVisitAsync();
        var (nurse, otherNurse) = await Db.NursesAsync(visit);
        var notes = Db.VisitsAs(visit.DoctorAccountId);
        await notes.SaveNoteAsync(visit.VisitId, Note);

        Assert.That(await CodeOf(() => notes.AddAddendumAsync(visit.VisitId, "Too early")), Is.EqualTo(50707));
        await notes.CloseAsync(visit.VisitId);
        Assert.That(await CodeOf(() => notes.AddAddendumAsync(visit.VisitId, "   ")), Is.EqualTo(50709));
        Assert.That(await CodeOf(() => Db.VisitsAs(otherNurse).AddAddendumAsync(visit.VisitId, "Not mine")), Is.EqualTo(50705));
        var admin = await Db.AdminIdAsync();
        Assert.That(await CodeOf(() => Db.VisitsAs(admin).AddAddendumAsync(visit.VisitId, "Admin")), Is.EqualTo(50102));
        var before = await Db.MaxAuditIdAsync();

        var first = await notes.AddAddendumAsync(visit.VisitId, "  Blood film result: P. falciparum ++.  ");
        var second = await Db.VisitsAs(nurse).AddAddendumAsync(visit.VisitId, "Patient phoned: fever settled.");

        var view = await Db.VisitsAs(nurse).GetNoteAsync(visit.VisitId);
        Assert.That(view.Note!.Assessment, Is.EqualTo("Suspected malaria"), "the note itself is unchanged");
        Assert.That(view.Addenda.Select(a => a.VisitAddendumId), Is.EqualTo(new[] { first, second }));
        Assert.That(view.Addenda[0].Body, Is.EqualTo("Blood film result: P. falciparum ++."));
        Assert.That(view.Addenda[0].SignedBy, Is.EqualTo(visit.DoctorAccountId));
        Assert.That(view.Addenda[0].SignedName, Does.StartWith("Doc Tor"), "signed with the staff record's name");
        Assert.That(view.Addenda[1].SignedName, Does.StartWith("Test nurse"));
        var audit = await Db.QueryAsync<(string RowKey, string Action, int? Actor, string NewRow)>(
            "SELECT row_key, action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name = 'visit_addendum' ORDER BY audit_log_id",
            new { before });
        Assert.That(audit.Select(a => (a.RowKey, a.Action, a.Actor)),
            Is.EqualTo(new[] { (first.ToString(), "INSERT", (int?)visit.DoctorAccountId), (second.ToString(), "INSERT", (int?)nurse) }));
        using var json = JsonDocument.Parse(audit[0].NewRow);
        Assert.That(json.RootElement.GetProperty("body").GetString(), Is.EqualTo("Blood film result: P. falciparum ++."));
    }

    [Test]
    public async Task Addenda_are_append_only_even_for_the_schema_owner()
    {
        var visit = await Db.NewOpenVisitAsync();
        var open = await Db.NewVisitForDoctorAsync(visit);
        var notes = Db.VisitsAs(visit.DoctorAccountId);
        await notes.CloseAsync(visit.VisitId);
        var id = await notes.AddAddendumAsync(visit.VisitId, "Signed text");

        Assert.That(await Db.OwnerErrorOf("UPDATE visit_addendum SET body = 'Rewritten' WHERE visit_addendum_id = @id", new { id }), Is.EqualTo(50710));
        Assert.That(await Db.OwnerErrorOf("DELETE FROM visit_addendum WHERE visit_addendum_id = @id", new { id }), Is.EqualTo(50710));
        Assert.That(await Db.OwnerErrorOf("INSERT INTO visit_addendum (visit_id, body, signed_by, signed_name) VALUES (@open, 'x', @actor, 'X')",
            new { open, actor = visit.DoctorAccountId }), Is.EqualTo(50707));
        Assert.That(await Db.ScalarAsync<string>("SELECT body FROM visit_addendum WHERE visit_addendum_id = @id", new { id }), Is.EqualTo("Signed text"));
    }
}
