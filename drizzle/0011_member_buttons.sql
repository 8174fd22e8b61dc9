CREATE TABLE "member_buttons" (
	"member_id" bigint PRIMARY KEY NOT NULL,
	"buttons" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_buttons" ADD CONSTRAINT "member_buttons_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;