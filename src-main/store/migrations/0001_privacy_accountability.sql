CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`operator_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`details_json` text DEFAULT '{}' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `auto_replies` (
	`id` integer PRIMARY KEY NOT NULL,
	`inbound_id` integer,
	`recipient_e164` text,
	`recipient_hash` text NOT NULL,
	`kind` text NOT NULL,
	`body` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`reason` text,
	`sim_id` integer,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`inbound_id`) REFERENCES `inbound_messages`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`sim_id`) REFERENCES `sims`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `auto_replies_state_idx` ON `auto_replies` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `auto_replies_recipient_idx` ON `auto_replies` (`recipient_hash`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY NOT NULL,
	`contact_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`basis` text NOT NULL,
	`granted_at` integer NOT NULL,
	`source` text NOT NULL,
	`wording` text,
	`recorded_by` text NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_source` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "consents_purpose_ck" CHECK(purpose in ('service', 'marketing')),
	CONSTRAINT "consents_basis_ck" CHECK(basis in ('consent', 'existing-customer'))
);
--> statement-breakpoint
CREATE INDEX `consents_contact_purpose_idx` ON `consents` (`contact_id`,`purpose`,`withdrawn_at`);--> statement-breakpoint
CREATE TABLE `engine_leases` (
	`owner` text PRIMARY KEY NOT NULL,
	`pid` integer NOT NULL,
	`hostname` text NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `operators` (
	`id` integer PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_out_at` integer,
	`disabled_at` integer,
	`last_login_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "operators_role_ck" CHECK(role in ('admin', 'sender', 'viewer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_username_uq` ON `operators` (`username`);--> statement-breakpoint
CREATE TABLE `suppression_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`phone_hash` text NOT NULL,
	`event` text NOT NULL,
	`source` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL,
	`actor` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `suppression_events_hash_idx` ON `suppression_events` (`phone_hash`,`at`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `time_zone` text;--> statement-breakpoint
ALTER TABLE `inbound_messages` ADD `reviewed_at` integer;--> statement-breakpoint
ALTER TABLE `inbound_messages` ADD `reviewed_by` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `claimed_by` text;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
