CREATE TABLE "chain_anchor_heads" (
	"anchor_id" integer NOT NULL,
	"matter_id" integer NOT NULL,
	"length" integer NOT NULL,
	"head" text NOT NULL,
	"proof" jsonb NOT NULL,
	CONSTRAINT "chain_anchor_heads_anchor_id_matter_id_pk" PRIMARY KEY("anchor_id","matter_id")
);
--> statement-breakpoint
CREATE TABLE "chain_anchors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chain_anchors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	"anchored_at" timestamp with time zone DEFAULT now() NOT NULL,
	"root" text NOT NULL,
	"matter_count" integer NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chain_anchor_heads" ADD CONSTRAINT "chain_anchor_heads_anchor_id_chain_anchors_id_fk" FOREIGN KEY ("anchor_id") REFERENCES "public"."chain_anchors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_anchor_heads" ADD CONSTRAINT "chain_anchor_heads_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_anchor_heads_matter_idx" ON "chain_anchor_heads" USING btree ("matter_id","anchor_id");--> statement-breakpoint
CREATE INDEX "chain_anchors_day_idx" ON "chain_anchors" USING btree ("day");