CREATE TABLE "rules_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rules_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner" text NOT NULL,
	"council_id" integer,
	"venue_id" integer,
	"place_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rules_documents_owner" CHECK (("rules_documents"."owner" = 'standard' and "rules_documents"."council_id" is null and "rules_documents"."venue_id" is null)
        or ("rules_documents"."owner" = 'council' and "rules_documents"."council_id" is not null and "rules_documents"."venue_id" is null)
        or ("rules_documents"."owner" = 'venue' and "rules_documents"."venue_id" is not null and "rules_documents"."council_id" is null))
);
--> statement-breakpoint
CREATE TABLE "rules_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rules_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"document_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"effective_from" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue_bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venue_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"venue_id" integer NOT NULL,
	"meeting_id" integer,
	"title" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venue_bookings_period" CHECK ("venue_bookings"."ends_at" > "venue_bookings"."starts_at"),
	CONSTRAINT "venue_bookings_what" CHECK (("venue_bookings"."meeting_id" is null) <> ("venue_bookings"."title" is null))
);
--> statement-breakpoint
CREATE TABLE "venue_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venue_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"venue_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"community_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"capacity" integer NOT NULL,
	"opening_hours" text DEFAULT '' NOT NULL,
	"accessibility" text[] DEFAULT '{}'::text[] NOT NULL,
	"council_id" integer,
	"organisation_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"return_reason" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venues_one_organisation" CHECK ("venues"."council_id" is null or "venues"."organisation_id" is null),
	CONSTRAINT "venues_capacity" CHECK ("venues"."capacity" between 1 and 100000),
	CONSTRAINT "venues_accessibility" CHECK ("venues"."accessibility" <@ array['step_free', 'accessible_toilet', 'hearing_loop', 'wheelchair_space', 'large_print']::text[]),
	CONSTRAINT "venues_status" CHECK ("venues"."status" in ('draft', 'submitted', 'approved', 'returned'))
);
--> statement-breakpoint
ALTER TABLE "rules_documents" ADD CONSTRAINT "rules_documents_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_documents" ADD CONSTRAINT "rules_documents_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_versions" ADD CONSTRAINT "rules_versions_document_id_rules_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."rules_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_versions" ADD CONSTRAINT "rules_versions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_files" ADD CONSTRAINT "venue_files_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_files" ADD CONSTRAINT "venue_files_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rules_documents_council_key" ON "rules_documents" USING btree ("council_id") WHERE "rules_documents"."council_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "rules_documents_venue_key" ON "rules_documents" USING btree ("venue_id") WHERE "rules_documents"."venue_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "rules_documents_standard_key" ON "rules_documents" USING btree ("owner") WHERE "rules_documents"."owner" = 'standard';--> statement-breakpoint
CREATE INDEX "rules_versions_document_idx" ON "rules_versions" USING btree ("document_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_bookings_meeting_key" ON "venue_bookings" USING btree ("meeting_id") WHERE "venue_bookings"."meeting_id" is not null;--> statement-breakpoint
CREATE INDEX "venue_bookings_venue_idx" ON "venue_bookings" USING btree ("venue_id","starts_at");--> statement-breakpoint
CREATE INDEX "venue_files_venue_idx" ON "venue_files" USING btree ("venue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "venues_place_name_key" ON "venues" USING btree ("place_id","name");--> statement-breakpoint
CREATE INDEX "venues_place_path_idx" ON "venues" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "venues_community_path_idx" ON "venues" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
-- Hand-written (venues): no two bookings of one venue overlap, whatever races past the row lock the
-- booking command takes. [starts_at, ends_at) half-open, so back-to-back bookings are allowed.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_no_overlap" EXCLUDE USING gist ("venue_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&);
