ALTER TABLE "matters" ADD CONSTRAINT "matters_status" CHECK ("matters"."status" in ('raised', 'accepted', 'announced', 'deliberating', 'resolved', 'implementing', 'reviewed', 'archived', 'declined', 'merged', 'referred', 'escalated'));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_status" CHECK ("meetings"."status" in ('scheduled', 'open', 'held', 'closed'));--> statement-breakpoint
ALTER TABLE "minute_amendments" ADD CONSTRAINT "minute_amendments_status" CHECK ("minute_amendments"."status" in ('proposed', 'accepted', 'rejected'));--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_status" CHECK ("minutes"."status" in ('draft', 'amending', 'published'));--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_status" CHECK ("tasks"."status" in ('open', 'done'));--> statement-breakpoint
ALTER TABLE "ballot_papers" ADD CONSTRAINT "ballot_papers_status" CHECK ("ballot_papers"."status" in ('pending', 'mismatch', 'counted', 'void'));--> statement-breakpoint
ALTER TABLE "ballot_proxies" ADD CONSTRAINT "ballot_proxies_status" CHECK ("ballot_proxies"."status" in ('active', 'revoked'));--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_status" CHECK ("ballots"."status" in ('draft', 'open', 'counting', 'closed'));--> statement-breakpoint
ALTER TABLE "matter_stage_entries" ADD CONSTRAINT "matter_stage_entries_status" CHECK ("matter_stage_entries"."status" in ('raised', 'accepted', 'announced', 'deliberating', 'resolved', 'implementing', 'reviewed', 'archived', 'declined', 'merged', 'referred', 'escalated'));--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_status" CHECK ("sms_messages"."status" in ('queued', 'sent', 'failed', 'opted_out'));