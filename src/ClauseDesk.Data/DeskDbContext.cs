using System.Text;
using ClauseDesk.Access;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Payments;
using ClauseDesk.Contracts;
using ClauseDesk.Data.Audit;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Mail;
using ClauseDesk.Maintenance;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClauseDesk.Data;

/// <summary>
/// Who is acting in this unit of work: the tenant every query is limited to, and the actor audit
/// entries name. Set once per request from the signed-in person or token.
/// </summary>
public sealed class DeskScope
{
    public Guid TenantId { get; set; }
    public Actor Actor { get; set; } = Actor.System;

    /// <summary>The clock audit entries are stamped with; tests set their own.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}

/// <summary>
/// The desk's database, on SQLite or PostgreSQL. Tenant isolation lives here and nowhere else: every
/// tenant-owned entity has a query filter on the scope's tenant, so an endpoint cannot forget it.
/// </summary>
/// <remarks>
/// The server keeps contexts in a pool (they are costly to set up, and every request needs one):
/// <see cref="For"/> hands one to a unit of work with its scope and nothing left of the last one.
/// </remarks>
public sealed class DeskDbContext(DbContextOptions<DeskDbContext> options) : DbContext(options)
{
    public DeskScope Scope { get; private set; } = new();

    /// <summary>Gives this context to a unit of work: its scope, and nothing of the previous one's.</summary>
    public DeskDbContext For(DeskScope scope)
    {
        Scope = scope;
        SeenStamp = null;
        Numbers = null;
        SaveSent = false;
        GroupRows = null;
        return this;
    }

    // Read by the query filters: EF parameterises it per query. A plain equality, so that every query
    // can use the (tenant_id, …) indexes; background work across tenants uses IgnoreQueryFilters.
    private Guid TenantId => Scope.TenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ServiceContract> Contracts => Set<ServiceContract>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> Messages => Set<TicketMessage>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ContractRight> ContractRights => Set<ContractRight>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<TicketCounter> TicketCounters => Set<TicketCounter>();
    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();
    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<InboundMail> InboundMails => Set<InboundMail>();
    public DbSet<IssuedInvoice> Invoices => Set<IssuedInvoice>();
    public DbSet<Billing.ContractBilling> ContractBilling => Set<Billing.ContractBilling>();
    public DbSet<Billing.Time.LoggedTime> TimeEntries => Set<Billing.Time.LoggedTime>();
    public DbSet<Billing.Credits.CreditLine> CreditLines => Set<Billing.Credits.CreditLine>();
    public DbSet<Billing.Volume.VolumeChange> VolumeChanges => Set<Billing.Volume.VolumeChange>();
    public DbSet<Billing.Volume.UsageUnit> UsageUnits => Set<Billing.Volume.UsageUnit>();
    public DbSet<Billing.Volume.UsageSettlement> UsageSettlements => Set<Billing.Volume.UsageSettlement>();
    public DbSet<Billing.IndexValue> IndexValues => Set<Billing.IndexValue>();
    public DbSet<IndexationClause> IndexationClauses => Set<IndexationClause>();
    public DbSet<IndexationApplied> IndexationsApplied => Set<IndexationApplied>();
    public DbSet<ContractSuspension> Suspensions => Set<ContractSuspension>();
    public DbSet<DataPurgeRecord> DataPurges => Set<DataPurgeRecord>();
    public DbSet<DataBreachReport> DataBreaches => Set<DataBreachReport>();
    public DbSet<DataBreachNotice> DataBreachNotices => Set<DataBreachNotice>();
    public DbSet<IssuedCreditNote> CreditNotes => Set<IssuedCreditNote>();
    public DbSet<RecordedPayment> Payments => Set<RecordedPayment>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// The read stamp this context last read outside a transaction (<see cref="Infrastructure.ReadCache"/>):
    /// a request's lookups all see the database as it was when the request came in. A save forgets it,
    /// so that the context's own changes are never looked up under the stamp from before them.
    /// </summary>
    internal long? SeenStamp { get; set; }

    /// <summary>Set while the context's work runs for a commit group: its numbers come from the group.</summary>
    internal Infrastructure.INumberSource? Numbers { get; set; }

    /// <summary>Set once a save has started sending statements: a failure after it may have left rows behind.</summary>
    internal bool SaveSent { get; set; }

    /// <summary>Set while the context's work runs in a commit group's first pass: its inserts are sent by the group.</summary>
    internal Infrastructure.GroupRows? GroupRows { get; set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite has no instant type: UTC ticks keep instants exact and sortable.
            configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configuration.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            // PostgreSQL's timestamptz takes UTC only.
            configuration.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
            configuration.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
        }

        foreach (var type in new[] { typeof(Role), typeof(SupportLine), typeof(TicketStatus), typeof(TicketType), typeof(Channel), typeof(Urgency), typeof(Impact), typeof(Priority), typeof(ClosingReason), typeof(PauseReason), typeof(ClockEntryKind), typeof(SupplierResumeReading), typeof(IncidentReportRule), typeof(MaintenanceKind), typeof(MailSecurity), typeof(MailOutcome), typeof(IndexationDay) })
        {
            configuration.Properties(type).HaveConversion<string>().HaveMaxLength(32);
        }

        configuration.Properties<string>().AreUnicode();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Tenant>(e =>
        {
            e.ToTable("tenants");
            e.HasKey(t => t.Id);
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.TicketPrefix).HasMaxLength(6);
            e.Property(t => t.TimeZone).HasMaxLength(64);
        });

        model.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(o => o.Id);
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.VatNumber).HasMaxLength(32);
            e.HasIndex(o => new { o.TenantId, o.Name });
            e.HasQueryFilter(o => o.TenantId == TenantId);
        });

        model.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(p => p.Id);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Email).HasMaxLength(320);
            e.Property(p => p.Language).HasMaxLength(2);
            e.Property(p => p.PasswordHash).HasMaxLength(200);
            e.HasIndex(p => new { p.TenantId, p.Email }).IsUnique();
            e.HasIndex(p => new { p.TenantId, p.OrganisationId });
            e.HasQueryFilter(p => p.TenantId == TenantId);
        });

        model.Entity<ServiceContract>(e =>
        {
            e.ToTable("contracts");
            e.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.SlaPreset).HasMaxLength(32);
            e.Property(c => c.Tier2Contacts).HasMaxLength(2000);
            e.Property(c => c.Tier3Contacts).HasMaxLength(2000);
            e.Property(c => c.MonthlyFee).HasPrecision(18, 2);
            e.Property(c => c.RenewalClauseName).HasMaxLength(64);
            e.Property(c => c.Indexation).HasDefaultValue(IndexationDay.Anniversary);
            e.HasIndex(c => new { c.TenantId, c.OrganisationId });
            e.HasQueryFilter(c => c.TenantId == TenantId);
        });

        model.Entity<Ticket>(e =>
        {
            e.ToTable("tickets");
            e.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(t => t.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(t => t.Id);
            e.Property(t => t.Number).HasMaxLength(32);
            e.Property(t => t.Subject).HasMaxLength(Ticket.MaxSubjectLength);
            e.Property(t => t.LateReport).HasMaxLength(300);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => new { t.TenantId, t.Number }).IsUnique();
            e.HasIndex(t => new { t.TenantId, t.Status, t.NextDueAt });
            e.HasIndex(t => new { t.TenantId, t.OrganisationId, t.Status });
            e.Ignore(t => t.Notices);
            // Migration 4 added the column with a default; "true" is also the value EF may leave to it.
            e.Property(t => t.IsOpen).HasDefaultValue(true).HasSentinel(true);

            // The queue: open tickets by next due, read in index order on both databases.
            e.HasIndex(t => new { t.TenantId, t.IsOpen, t.QueueKey, t.Number });
            e.HasIndex(t => new { t.TenantId, t.QueueKey, t.Number });
            e.OwnsOne(t => t.BugReport, b =>
            {
                b.Property(r => r.CompanyOrDatabase).HasMaxLength(200);
                b.Property(r => r.AffectedUser).HasMaxLength(200);
            });
            e.OwnsMany(t => t.Clock, c =>
            {
                c.ToTable("ticket_clock");
                c.WithOwner().HasForeignKey("TicketId");
                c.HasKey("TicketId", nameof(ClockEntry.Sequence));
                c.Property(x => x.Actor).HasMaxLength(200);
                c.Property(x => x.Note).HasMaxLength(2000);
            });
            e.Navigation(t => t.Clock).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_clock");
            e.HasQueryFilter(t => t.TenantId == TenantId);
        });

        model.Entity<TicketMessage>(e =>
        {
            e.ToTable("ticket_messages");
            e.HasOne<Ticket>().WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(m => m.Id);
            e.Property(m => m.AuthorName).HasMaxLength(200);
            e.HasIndex(m => new { m.TenantId, m.TicketId, m.At });
            e.HasQueryFilter(m => m.TenantId == TenantId);
        });

        model.Entity<ContractRight>(e =>
        {
            e.ToTable("contract_rights");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.PersonId, r.ContractId }).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.TenantId, r.ContractId });
            e.HasQueryFilter(r => r.TenantId == TenantId);
        });

        model.Entity<Attachment>(e =>
        {
            e.ToTable("attachments");
            e.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(a => a.Id);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.UploadedBy).HasMaxLength(200);
            e.HasIndex(a => new { a.TenantId, a.TicketId });
            e.HasQueryFilter(a => a.TenantId == TenantId);
        });

        model.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(t => t.Id);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.SecretHash).HasMaxLength(64);
            e.HasIndex(t => new { t.TenantId, t.PersonId });
            e.HasQueryFilter(t => t.TenantId == TenantId);
        });

        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(a => a.Id);
            e.Property(a => a.EntityType).HasMaxLength(64);
            e.Property(a => a.Action).HasMaxLength(16);
            e.Property(a => a.ActorName).HasMaxLength(200);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => new { a.TenantId, a.EntityType, a.EntityId, a.Sequence }).IsUnique();
            e.HasQueryFilter(a => a.TenantId == TenantId);
        });

        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(o => o.Id);
            e.Property(o => o.DedupKey).HasMaxLength(200);
            e.Property(o => o.Kind).HasMaxLength(64);
            e.Property(o => o.Audience).HasMaxLength(64);
            e.Property(o => o.Recipients).HasMaxLength(2000);
            e.Property(o => o.Subject).HasMaxLength(300);
            e.Property(o => o.MessageId).HasMaxLength(300);
            e.Property(o => o.LastError).HasMaxLength(1000);
            e.HasIndex(o => new { o.TenantId, o.DedupKey }).IsUnique();
            e.HasIndex(o => new { o.TenantId, o.MessageId });
            e.HasIndex(o => new { o.SentAt, o.CreatedAt });
            e.HasQueryFilter(o => o.TenantId == TenantId);
        });

        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(r => new { r.TenantId, r.PersonId, r.Key });
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.Location).HasMaxLength(300);
            e.HasQueryFilter(r => r.TenantId == TenantId);
        });

        model.Entity<JobLease>(e =>
        {
            e.ToTable("job_leases");
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(64);
            e.Property(l => l.Holder).HasMaxLength(100);
        });

        model.Entity<TicketCounter>(e =>
        {
            e.ToTable("ticket_counters");
            e.HasKey(c => new { c.TenantKey, c.Year });
            e.Property(c => c.TenantKey).HasMaxLength(36);
        });

        model.Entity<ReadStamp>(e =>
        {
            e.ToTable("read_stamps");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
        });

        model.Entity<MaintenanceWindow>(e =>
        {
            e.ToTable("maintenance_windows");
            e.HasOne<Tenant>().WithMany().HasForeignKey(w => w.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(w => w.Id);
            e.Property(w => w.Title).HasMaxLength(200);
            e.Property(w => w.Services).HasMaxLength(500);
            e.Property(w => w.Description).HasMaxLength(4000);
            e.Property(w => w.Organisations).HasMaxLength(20000);
            e.Property(w => w.AnnouncedBy).HasMaxLength(200);
            e.Property(w => w.CancelledBy).HasMaxLength(200);
            e.Ignore(w => w.OrganisationIds);
            e.Ignore(w => w.AffectsEveryone);
            e.HasIndex(w => new { w.TenantId, w.End });
            e.HasQueryFilter(w => w.TenantId == TenantId);
        });

        model.Entity<Mailbox>(e =>
        {
            e.ToTable("mailboxes");
            e.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(m => m.Id);
            e.Property(m => m.Name).HasMaxLength(64);
            e.Property(m => m.Address).HasMaxLength(320);
            e.Property(m => m.ImapHost).HasMaxLength(255);
            e.Property(m => m.ImapUser).HasMaxLength(320);
            e.Property(m => m.ImapPasswordSealed).HasMaxLength(1000);
            e.Property(m => m.ImapFolder).HasMaxLength(200);
            // An MTA pipes to a mailbox by name, without knowing the provider.
            e.HasIndex(m => m.Name).IsUnique();
            e.HasQueryFilter(m => m.TenantId == TenantId);
        });

        model.Entity<InboundMail>(e =>
        {
            e.ToTable("inbound_mails");
            e.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Mailbox>().WithMany().HasForeignKey(m => m.MailboxId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(m => m.Id);
            e.Property(m => m.MessageId).HasMaxLength(300);
            e.Property(m => m.From).HasMaxLength(320);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.Reason).HasMaxLength(1000);
            // Exactly once: the same message in the same mailbox is recorded once, whatever delivered it.
            e.HasIndex(m => new { m.MailboxId, m.MessageId }).IsUnique();
            e.HasIndex(m => new { m.TenantId, m.MessageId });
            e.HasIndex(m => new { m.TenantId, m.Outcome, m.ReceivedAt });
            e.HasQueryFilter(m => m.TenantId == TenantId);
        });

        model.Entity<IssuedInvoice>(e =>
        {
            e.ToTable("invoices");
            e.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(i => i.Id);
            e.Property(i => i.Number).HasMaxLength(30);
            e.Property(i => i.TaxInclusive).HasPrecision(18, 2);
            e.Property(i => i.Payable).HasPrecision(18, 2);
            e.Property(i => i.PaymentReference).HasMaxLength(30);
            e.Property(i => i.IssuedBy).HasMaxLength(200);
            e.HasIndex(i => new { i.TenantId, i.Number }).IsUnique();
            e.HasIndex(i => new { i.TenantId, i.OrganisationId, i.IssueDate });
            e.HasQueryFilter(i => i.TenantId == TenantId);
        });

        // Billing: time entries, support credits and metered volume (SPEC §5).
        model.Entity<Billing.ContractBilling>(e =>
        {
            e.ToTable("contract_billing");
            e.HasOne<ServiceContract>().WithOne().HasForeignKey<Billing.ContractBilling>(b => b.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(b => b.ContractId);
            e.Property(b => b.HourlyRate).HasPrecision(18, 2);
            e.Property(b => b.Surcharges).HasMaxLength(32);
            e.Property(b => b.Reading).HasConversion<string>().HasMaxLength(32);
            e.Property(b => b.WorkingHours).HasMaxLength(64);
            e.Property(b => b.PerKm).HasPrecision(18, 2);
            e.Property(b => b.CreditPrice).HasPrecision(18, 2);
            e.Property(b => b.BeyondCredits).HasConversion<string>().HasMaxLength(32);
            e.Property(b => b.VolumeUnit).HasMaxLength(100);
            e.Property(b => b.VolumeStates).HasMaxLength(2000);
            e.Property(b => b.CountingState).HasMaxLength(100);
            e.Property(b => b.PricePerExtraUnit).HasPrecision(18, 2);
            e.HasIndex(b => b.TenantId);
            e.HasQueryFilter(b => b.TenantId == TenantId);
        });

        model.Entity<Billing.Time.LoggedTime>(e =>
        {
            e.ToTable("time_entries");
            e.HasOne<Ticket>().WithMany().HasForeignKey(t => t.TicketId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(t => t.Id);
            e.Property(t => t.Place).HasConversion<string>().HasMaxLength(32);
            e.Property(t => t.Payment).HasConversion<string>().HasMaxLength(32);
            e.Property(t => t.TravelKm).HasPrecision(18, 2);
            e.Property(t => t.Total).HasPrecision(18, 2);
            e.Property(t => t.Note).HasMaxLength(Billing.Time.LoggedTime.MaxNoteLength);
            e.Property(t => t.RecordedBy).HasMaxLength(200);
            e.HasIndex(t => new { t.TenantId, t.TicketId, t.Start });
            e.HasIndex(t => new { t.TenantId, t.ContractId, t.Start });
            e.HasQueryFilter(t => t.TenantId == TenantId);
        });

        model.Entity<Billing.Credits.CreditLine>(e =>
        {
            e.ToTable("credit_lines");
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(c => c.Id);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.Amount).HasPrecision(18, 2);
            e.Property(c => c.Reference).HasMaxLength(200);
            e.HasIndex(c => new { c.ContractId, c.Sequence }).IsUnique();
            e.HasIndex(c => new { c.TenantId, c.ContractId });
            e.HasQueryFilter(c => c.TenantId == TenantId);
        });

        model.Entity<Billing.Volume.VolumeChange>(e =>
        {
            e.ToTable("volume_changes");
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(c => c.Id);
            e.Property(c => c.Kind).HasMaxLength(16);
            e.HasIndex(c => new { c.ContractId, c.Sequence }).IsUnique();
            e.HasIndex(c => new { c.TenantId, c.ContractId });
            e.HasQueryFilter(c => c.TenantId == TenantId);
        });

        model.Entity<Billing.Volume.UsageUnit>(e =>
        {
            e.ToTable("usage_units");
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(u => u.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(u => u.Id);
            e.Property(u => u.UnitId).HasMaxLength(200);
            e.Property(u => u.State).HasMaxLength(100);
            // Counted once: a retry or a second request at the same moment finds the unit, or fails here.
            e.HasIndex(u => new { u.ContractId, u.UnitId }).IsUnique();
            e.HasIndex(u => new { u.ContractId, u.ContractYear, u.Ordinal }).IsUnique();
            e.HasIndex(u => new { u.TenantId, u.ContractId });
            e.HasQueryFilter(u => u.TenantId == TenantId);
        });

        model.Entity<Billing.Volume.UsageSettlement>(e =>
        {
            e.ToTable("usage_settlements");
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(s => s.Id);
            e.Property(s => s.Amount).HasPrecision(18, 2);
            e.Property(s => s.InvoiceNumber).HasMaxLength(30);
            e.HasIndex(s => new { s.ContractId, s.ContractYear }).IsUnique();
            e.HasIndex(s => new { s.TenantId, s.ContractId });
            e.HasQueryFilter(s => s.TenantId == TenantId);
        });

        // Contracts and billing: index series, indexation clauses and their application, suspensions, data purges.
        model.Entity<Billing.IndexValue>(e =>
        {
            e.ToTable("index_values");
            e.HasKey(v => new { v.TenantId, v.Series, v.Month });
            e.Property(v => v.Series).HasMaxLength(64);
            e.Property(v => v.Value).HasPrecision(18, 6);
            e.HasQueryFilter(v => v.TenantId == TenantId);
        });

        model.Entity<IndexationClause>(e =>
        {
            e.ToTable("indexation_clauses");
            e.HasOne<ServiceContract>().WithOne().HasForeignKey<IndexationClause>(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(c => c.ContractId);
            e.Property(c => c.Formula).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.Series).HasMaxLength(64);
            e.Property(c => c.BaseIndex).HasPrecision(18, 6);
            e.Property(c => c.BasePrice).HasPrecision(18, 2);
            e.Property(c => c.SetBy).HasMaxLength(200);
            e.HasIndex(c => c.TenantId);
            e.HasQueryFilter(c => c.TenantId == TenantId);
        });

        model.Entity<IndexationApplied>(e =>
        {
            e.ToTable("indexations_applied");
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(a => a.Id);
            e.Property(a => a.Price).HasPrecision(18, 2);
            e.Property(a => a.PreviousFee).HasPrecision(18, 2);
            e.Property(a => a.AppliedBy).HasMaxLength(200);
            // Once per indexation day: a second apply meets this index.
            e.HasIndex(a => new { a.TenantId, a.ContractId, a.IndexationDay }).IsUnique();
            e.HasQueryFilter(a => a.TenantId == TenantId);
        });

        model.Entity<ContractSuspension>(e =>
        {
            e.ToTable("contract_suspensions");
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(s => s.Id);
            e.Property(s => s.RecordedBy).HasMaxLength(200);
            e.Property(s => s.ReactivationFee).HasPrecision(18, 2);
            e.Ignore(s => s.IsSuspended);
            e.Ignore(s => s.Sent);
            e.HasIndex(s => new { s.TenantId, s.ContractId, s.NoticeSentOn });
            e.HasQueryFilter(s => s.TenantId == TenantId);
        });

        model.Entity<DataPurgeRecord>(e =>
        {
            e.ToTable("data_purges");
            e.HasOne<ServiceContract>().WithMany().HasForeignKey(p => p.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(p => p.Id);
            // Never twice: a second purge of the same contract meets this index.
            e.HasIndex(p => p.ContractId).IsUnique();
            e.HasIndex(p => new { p.TenantId, p.OrganisationId });
            e.HasQueryFilter(p => p.TenantId == TenantId);
        });

        // Data-breach register (SPEC §7, seed 004 §12.9).
        model.Entity<DataBreachReport>(e =>
        {
            e.ToTable("data_breaches");
            e.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(b => b.Id);
            e.Property(b => b.Nature).HasMaxLength(DataBreachReport.MaxText);
            e.Property(b => b.DataCategories).HasMaxLength(DataBreachReport.MaxCategories);
            e.Property(b => b.SubjectCategories).HasMaxLength(DataBreachReport.MaxCategories);
            e.Property(b => b.Measures).HasMaxLength(DataBreachReport.MaxText);
            e.Property(b => b.RecordedBy).HasMaxLength(200);
            e.HasIndex(b => new { b.TenantId, b.DiscoveredAt });
            e.HasQueryFilter(b => b.TenantId == TenantId);
        });

        model.Entity<DataBreachNotice>(e =>
        {
            e.ToTable("data_breach_notices");
            e.HasOne<DataBreachReport>().WithMany().HasForeignKey(n => n.BreachId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(n => n.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(n => n.Id);
            e.Property(n => n.NotifiedTo).HasMaxLength(DataBreachNotice.MaxRecipient);
            e.Property(n => n.NotifiedBy).HasMaxLength(200);
            e.HasIndex(n => new { n.BreachId, n.OrganisationId }).IsUnique();
            e.HasQueryFilter(n => n.TenantId == TenantId);
        });

        // Mail: notices rendered in the recipient's language, with HTML, threaded (migration 0013).
        model.Entity<OutboxMessage>(e =>
        {
            e.Property(o => o.Language).HasMaxLength(8);
            e.Property(o => o.InReplyTo).HasMaxLength(300);
        });

        // Billing: credit notes and payments (the account is computed from them, never stored).
        model.Entity<IssuedCreditNote>(e =>
        {
            e.ToTable("credit_notes");
            e.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<IssuedInvoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(c => c.Id);
            e.Property(c => c.Number).HasMaxLength(30);
            e.Property(c => c.InvoiceNumber).HasMaxLength(30);
            e.Property(c => c.TaxInclusive).HasPrecision(18, 2);
            e.Property(c => c.Reason).HasMaxLength(500);
            e.Property(c => c.IssuedBy).HasMaxLength(200);
            e.HasIndex(c => new { c.TenantId, c.Number }).IsUnique();
            e.HasIndex(c => new { c.TenantId, c.OrganisationId, c.IssueDate });
            e.HasQueryFilter(c => c.TenantId == TenantId);
        });

        model.Entity<RecordedPayment>(e =>
        {
            e.ToTable("payments");
            e.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasKey(p => p.Id);
            e.Property(p => p.Amount).HasPrecision(18, 2);
            e.Property(p => p.Reference).HasMaxLength(RecordedPayment.MaxReferenceLength);
            e.Property(p => p.RecordedBy).HasMaxLength(200);
            e.HasIndex(p => new { p.TenantId, p.OrganisationId, p.Received });
            e.HasQueryFilter(p => p.TenantId == TenantId);
        });

        SnakeCase(model);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        SeenStamp = null;
        var detecting = DetectChangesOnce();
        try
        {
            RefuseOverlongText();
            AuditTrail.Append(this);
            SaveSent = true;
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        SeenStamp = null;
        var detecting = DetectChangesOnce();
        try
        {
            RefuseOverlongText();
            await AuditTrail.AppendAsync(this, cancellationToken);
            if (GroupRows is { } rows)
            {
                if (rows.TryTake(this) is { } taken)
                {
                    return taken;
                }

                await rows.FlushAsync(this);
            }

            SaveSent = true;
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    // A save looks at the changes several times (length checks, the audit trail, the save itself); what
    // it adds on the way is tracked as it is added, so one detection at the start serves them all.
    private bool DetectChangesOnce()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        return detecting;
    }

    /// <summary>
    /// Text longer than its column is refused the same way on both databases, naming the field
    /// (PostgreSQL would fail the statement, SQLite would keep it).
    /// </summary>
    /// <exception cref="DeskRuleException">A text is longer than its column allows.</exception>
    private void RefuseOverlongText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && property.Metadata.GetMaxLength() is { } max && text.Length > max)
                {
                    var name = property.Metadata.Name;
                    throw new DeskRuleException(char.ToLowerInvariant(name[0]) + name[1..], $"at most {max} characters ({text.Length} given)");
                }
            }
        }
    }

    /// <summary>Columns, keys and indexes in snake_case, the same on both databases.</summary>
    private static void SnakeCase(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            // BugReport shares the tickets table: its columns get a prefix, its key is the ticket's id.
            var sharesTable = entity.ClrType == typeof(BugReport);
            foreach (var property in entity.GetProperties())
            {
                if (sharesTable && property.IsPrimaryKey())
                {
                    continue;
                }

                property.SetColumnName((sharesTable ? "bug_report_" : "") + Snake(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(Snake(key.GetName() ?? ""));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(Snake(foreignKey.GetConstraintName() ?? ""));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Snake(index.GetDatabaseName() ?? ""));
            }
        }
    }

    internal static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v);
}
