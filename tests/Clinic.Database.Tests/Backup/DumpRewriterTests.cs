using Clinic.Database.Backup;

namespace Clinic.Database.Tests.Backup;

/// <summary>How restore rewrites a dump for another database name (src/Clinic.Database/Backup/DumpRewriter.cs).</summary>
public class DumpRewriterTests
{
    [Test]
    public void Definers_schema_names_and_use_lines_move_to_the_target_and_data_lines_are_untouched()
    {
        var rewriter = new DumpRewriter("clinic", "clinic_copy", "%");

        Assert.That(rewriter.Rewrite("CREATE DATABASE /*!32312 IF NOT EXISTS*/ `clinic` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;"), Is.Null);
        Assert.That(rewriter.Rewrite("USE `clinic`;"), Is.EqualTo("USE `clinic_copy`;"));
        Assert.That(rewriter.Rewrite("CREATE DEFINER=`clinic_migrator`@`%` PROCEDURE `setting_int`(p INT)"),
            Is.EqualTo("CREATE DEFINER=`clinic_copy_migrator`@`%` PROCEDURE `setting_int`(p INT)"));
        Assert.That(rewriter.Rewrite("/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */"),
            Is.EqualTo("/*!50013 DEFINER=`clinic_copy_migrator`@`%` SQL SECURITY DEFINER */"));
        Assert.That(rewriter.Rewrite("/*!50001 VIEW `audit_trail` AS select `clinic_audit`.`audit_log`.`a` AS `a` from `clinic_audit`.`audit_log` */;"),
            Is.EqualTo("/*!50001 VIEW `audit_trail` AS select `clinic_copy_audit`.`audit_log`.`a` AS `a` from `clinic_copy_audit`.`audit_log` */;"));
        Assert.That(rewriter.Rewrite("select `clinic`.`setting_int`('x') AS `clinic`"), Is.EqualTo("select `clinic_copy`.`setting_int`('x') AS `clinic`"));
        const string data = "INSERT INTO `note` VALUES (1,'DEFINER=`clinic_migrator`@`%` and `clinic`.`x`');";
        Assert.That(rewriter.Rewrite(data), Is.EqualTo(data));

        Assert.That(rewriter.Rewrite("USE `clinic_audit`;"), Is.EqualTo("USE `clinic_copy_audit`;"));
        Assert.That(rewriter.Rewrite("CREATE DEFINER=`root`@`127.0.0.1` PROCEDURE `patient_access_log_prune`()"),
            Is.EqualTo("CREATE  PROCEDURE `patient_access_log_prune`()"), "audit objects belong to the restoring administrator");
    }

    [Test]
    public void A_dump_of_another_database_and_unsafe_names_are_refused()
    {
        var rewriter = new DumpRewriter("clinic", "clinic_copy", "%");
        Assert.Throws<BackupException>(() => rewriter.Rewrite("USE `payroll`;"));
        Assert.Throws<ArgumentException>(() => _ = new DumpRewriter("clinic", "copy`; DROP DATABASE clinic; --", "%"));
        Assert.Throws<ArgumentException>(() => _ = new DumpRewriter("clinic", "clinic_copy", "%'; --"));
    }
}
