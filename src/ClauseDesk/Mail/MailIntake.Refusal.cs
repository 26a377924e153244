using ClauseDesk.Access;
using ClauseDesk.Mail.Notices;
using ClauseDesk.Mime;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Mail;

/// <summary>The refusal of a mail, in the sender's language (ADR 0017).</summary>
public sealed partial class MailIntake
{
    private const string ContactPersonsClause = "seed 001 art. 35.2, 36.1";

    /// <summary>Why a known person's mail did not become a ticket; under the contact-person rule, who can open one.</summary>
    private async Task<RefusedMail> RefusalAsync(Person person, MimeMessage message, DeskRuleException refused, CancellationToken cancellation)
    {
        if (refused.Clause != ContactPersonsClause)
        {
            return new RefusedMail(message.Subject ?? "", RefusalReason.Other, Detail: refused.Message);
        }

        var contract = await db.Contracts.Where(c => c.OrganisationId == person.OrganisationId && c.Active && c.OnlyContactPersonsMayOpen)
            .OrderBy(c => c.Name).Select(c => c.Name).FirstOrDefaultAsync(cancellation);
        var contactPersons = await db.People
            .Where(p => p.OrganisationId == person.OrganisationId && p.Role == Role.ContactPerson && p.Active)
            .OrderBy(p => p.Name).Select(p => p.Name + " <" + p.Email + ">").ToListAsync(cancellation);
        return new RefusedMail(message.Subject ?? "", RefusalReason.ContactPersonsOnly, contract, contactPersons);
    }

    /// <summary>
    /// A known person reads their own language; a stranger the language their mail is plainly written in,
    /// else Dutch, French and English in one mail.
    /// </summary>
    private static RenderedNotice Render(Tenant tenant, MimeMessage message, RefusedMail refusal, string? language)
    {
        var context = new NoticeContext(tenant.Name, tenant.Zone());
        language ??= LanguageGuess.Of(message.Headers["Content-Language"], message.Subject, Text(message));
        return language is null ? NoticeCatalogue.RenderAll(refusal, context) : NoticeCatalogue.Render(refusal, language, context);
    }
}
