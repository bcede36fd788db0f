using Clinic.Database.Migrations;

namespace Clinic.Database.Tests.Migrations;

public class MySqlScriptSplitterTests
{
    [Test]
    public void Splits_on_semicolons_and_trims()
    {
        var commands = MySqlScriptSplitter.Split("CREATE TABLE a (x INT);\n  INSERT INTO a VALUES (1) ;\n");
        Assert.That(commands, Is.EqualTo(new[] { "CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)" }));
    }

    [Test]
    public void Delimiter_lines_change_the_delimiter_and_are_not_sent()
    {
        const string script = """
            DROP PROCEDURE IF EXISTS p;
            DELIMITER $$
            CREATE PROCEDURE p()
            BEGIN
                SELECT 1;
                SELECT 2;
            END$$
            DELIMITER ;
            SELECT 3;
            """;
        var commands = MySqlScriptSplitter.Split(script);
        Assert.That(commands, Has.Count.EqualTo(3));
        Assert.That(commands[0], Is.EqualTo("DROP PROCEDURE IF EXISTS p"));
        Assert.That(commands[1], Does.StartWith("CREATE PROCEDURE p()").And.EndWith("END").And.Contain("SELECT 1;\n    SELECT 2;"));
        Assert.That(commands[2], Is.EqualTo("SELECT 3"));
        Assert.That(commands, Has.None.Contains("DELIMITER"));
    }

    [TestCase("SELECT 'a;b'; SELECT 2", "SELECT 'a;b'")]
    [TestCase("SELECT \"a;b\"; SELECT 2", "SELECT \"a;b\"")]
    [TestCase("SELECT `a;b` FROM t; SELECT 2", "SELECT `a;b` FROM t")]
    [TestCase("SELECT 'it''s;'; SELECT 2", "SELECT 'it''s;'")]
    [TestCase("SELECT 'it\\'s;'; SELECT 2", "SELECT 'it\\'s;'")]
    [TestCase("SELECT 'back\\\\'; SELECT 2", "SELECT 'back\\\\'")]
    public void Never_splits_inside_quotes(string script, string first)
    {
        var commands = MySqlScriptSplitter.Split(script);
        Assert.That(commands, Is.EqualTo(new[] { first, "SELECT 2" }));
    }

    [Test]
    public void Never_splits_inside_comments_and_drops_comment_only_commands()
    {
        const string script = """
            -- a comment; with a semicolon and an apostrophe: it's
            # another; it's
            /* block; it's
               still; */
            SELECT 1; -- trailing; comment
            -- only a comment at the end;
            """;
        var commands = MySqlScriptSplitter.Split(script);
        Assert.That(commands, Has.Count.EqualTo(1));
        Assert.That(commands[0], Does.EndWith("SELECT 1"));
    }

    [Test]
    public void Double_dash_without_space_is_not_a_comment()
    {
        var commands = MySqlScriptSplitter.Split("SELECT 5--1; SELECT 2");
        Assert.That(commands, Is.EqualTo(new[] { "SELECT 5--1", "SELECT 2" }));
    }

    [Test]
    public void Delimiter_text_inside_a_string_in_a_routine_does_not_split()
    {
        const string script = "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 'a//b'; END//\nDELIMITER ;\n";
        var commands = MySqlScriptSplitter.Split(script);
        Assert.That(commands, Is.EqualTo(new[] { "CREATE PROCEDURE p() BEGIN SELECT 'a//b'; END" }));
    }

    [Test]
    public void A_last_command_without_delimiter_is_kept()
    {
        Assert.That(MySqlScriptSplitter.Split("SELECT 1;\nSELECT 2\n"), Is.EqualTo(new[] { "SELECT 1", "SELECT 2" }));
    }

    [Test]
    public void Empty_script_has_no_commands()
    {
        Assert.That(MySqlScriptSplitter.Split("  \n-- nothing\n"), Is.Empty);
    }
}
