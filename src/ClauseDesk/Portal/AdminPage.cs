using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace ClauseDesk.Portal;

/// <summary>
/// What the administration pages share: their texts, and turning a refusal of a use case (the same
/// handlers the API calls) into an error next to the field it names, keeping what was typed.
/// </summary>
public abstract class AdminPage : PortalPage
{
    public AdminText A => AdminText.Current;

    /// <summary>Errors by form and field, e.g. <c>person.email</c>.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A refusal of an action on a row (a role, a deactivation, rights), shown above the lists.</summary>
    public string? Error { get; private set; }

    /// <summary>No such page for this person: another organisation's looks the same as none.</summary>
    public bool Missing { get; private set; }

    public string? Invalid(string key) => Errors.ContainsKey(key) ? "true" : null;

    public IHtmlContent FieldError(string key, string id) => Errors.TryGetValue(key, out var error)
        ? new HtmlString($"<p class=\"field-error\" id=\"{id}-error\">{HtmlEncoder.Default.Encode(error)}</p>")
        : HtmlString.Empty;

    /// <summary>Runs a use case; a refusal becomes the error of <c>form.field</c> (or of the page when <paramref name="form"/> is null) with the rule's status.</summary>
    protected async Task<bool> TryAsync(string? form, Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (RequestException e)
        {
            Refuse(form, e.Field, e.Message, e.Status);
        }
        catch (DeskRuleException e)
        {
            Refuse(form, e.Field, e.Message + (e.Clause is { } clause ? $" ({clause})" : ""), StatusCodes.Status422UnprocessableEntity);
        }

        return false;
    }

    protected void Refuse(string? form, string field, string message, int status = StatusCodes.Status400BadRequest)
    {
        if (form is null)
        {
            Error = message;
        }
        else
        {
            Errors[$"{form}.{field}"] = message;
        }

        Response.StatusCode = status;
    }

    protected IActionResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}

/// <summary>The "add a person" form as typed, kept when it is refused.</summary>
public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Role { get; set; }
    public string? Language { get; set; }
    public string? Password { get; set; }

    public PersonRequest Request(Guid? organisationId) =>
        new(Name, Email, Role, organisationId, Language, null, string.IsNullOrEmpty(Password) ? null : Password);
}

/// <summary>A people table with its row actions; <paramref name="Roles"/> are the roles one may give.</summary>
public sealed record PeopleList(IReadOnlyList<Access.Person> People, IReadOnlyList<Access.Role> Roles, Guid Me);

/// <summary>The "add a person" form of a page.</summary>
public sealed record AddPersonForm(AdminPage Page, PersonForm Form, IReadOnlyList<Access.Role> Roles);
