namespace Clinic.Web.Auth;

/// <summary>
/// TEMPORARY (issue 10): what is left of the role lists, only for the four components whose role checks the
/// database's can_* flags replace on their own branch (QueueBoard, AppointmentDetailsDialog, LabOrderActions,
/// PrescriptionsPanel). Everything else asks for a permission (<see cref="Permissions"/>). Delete this file
/// once those components no longer name it.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string AppointmentBookers = "admin,receptionist,doctor";
    public const string QueueReaders = "admin,receptionist,nurse,doctor";
    public const string QueueDesk = "admin,receptionist,nurse";
    public const string QueueCallers = "admin,doctor";
    public const string LabWorkers = "admin,doctor,nurse";
    public const string LabVerifiers = "admin,doctor";
}
