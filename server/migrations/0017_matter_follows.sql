CREATE TABLE "matter_follows" (
	"matter_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_follows_matter_account_key" UNIQUE("matter_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "matter_follows" ADD CONSTRAINT "matter_follows_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_follows" ADD CONSTRAINT "matter_follows_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matter_follows_account_idx" ON "matter_follows" USING btree ("account_id");