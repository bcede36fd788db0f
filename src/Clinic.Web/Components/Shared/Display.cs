using Clinic.Data.Accounts;

namespace Clinic.Web.Components.Shared;

/// <summary>Readable labels for the codes the database stores. Presentation only: the allowed values are checked in the database.</summary>
public static class Display
{
    public static readonly IReadOnlyList<(string Code, string Label)> Sexes =
        [("female", "Female"), ("male", "Male"), ("other", "Other"), ("unknown", "Unknown")];

    public static readonly IReadOnlyList<string> BloodGroups = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];

    public static readonly IReadOnlyList<(string Code, string Label)> RoomTypes =
        [("consultation", "Consultation"), ("examination", "Examination"), ("procedure", "Procedure"), ("laboratory", "Laboratory"),
         ("imaging", "Imaging"), ("pharmacy", "Pharmacy"), ("ward", "Ward"), ("other", "Other")];

    public static string Sex(string? code) => Label(Sexes, code);

    /// <summary>A role's name from the roles the database listed (role_list, staff_role_list); the code when it is not listed.</summary>
    public static string RoleName(this IReadOnlyList<RoleRow> roles, string? code) =>
        roles.FirstOrDefault(r => r.RoleCode == code)?.RoleName ?? code ?? "";
    public static string RoomType(string? code) => Label(RoomTypes, code);

    private static string Label(IReadOnlyList<(string Code, string Label)> list, string? code) =>
        list.FirstOrDefault(x => x.Code == code).Label ?? code ?? "";
}
