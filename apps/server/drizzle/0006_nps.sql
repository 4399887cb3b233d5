CREATE TABLE "nps_surveys" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"channel" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"responded_at" timestamp with time zone,
	"score" integer,
	"comment" text,
	CONSTRAINT "nps_surveys_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "nps_surveys_score_check" CHECK (score IS NULL OR score BETWEEN 0 AND 10),
	CONSTRAINT "nps_surveys_answer_check" CHECK ((responded_at IS NULL) = (score IS NULL))
);
--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD COLUMN "nps_score" integer;--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD COLUMN "nps_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nps_surveys" ADD CONSTRAINT "nps_surveys_customer_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nps_surveys" ADD CONSTRAINT "nps_surveys_created_by_fk" FOREIGN KEY ("workspace_id","created_by") REFERENCES "public"."users"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nps_surveys" ADD CONSTRAINT "nps_surveys_revoked_by_fk" FOREIGN KEY ("workspace_id","revoked_by") REFERENCES "public"."users"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nps_surveys_token_idx" ON "nps_surveys" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "nps_surveys_customer_idx" ON "nps_surveys" USING btree ("workspace_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "nps_surveys_responded_idx" ON "nps_surveys" USING btree ("workspace_id","responded_at");--> statement-breakpoint
CREATE INDEX "nps_surveys_created_idx" ON "nps_surveys" USING btree ("workspace_id","created_at");