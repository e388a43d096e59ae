CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`template` text NOT NULL,
	`list_ids_json` text NOT NULL,
	`sim_ids_json` text DEFAULT '[]' NOT NULL,
	`purpose` text DEFAULT 'service' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`start_at` integer,
	`quiet_hours_json` text,
	`limits_json` text,
	`request_status_report` integer DEFAULT false NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "campaigns_state_ck" CHECK(state in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
	CONSTRAINT "campaigns_purpose_ck" CHECK(purpose in ('service', 'marketing'))
);
--> statement-breakpoint
CREATE INDEX `campaigns_state_idx` ON `campaigns` (`state`);--> statement-breakpoint
CREATE TABLE `contact_imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` integer,
	`list_name` text NOT NULL,
	`file_name` text NOT NULL,
	`state` text DEFAULT 'staging' NOT NULL,
	`summary_json` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "contact_imports_state_ck" CHECK(state in ('staging', 'committed'))
);
--> statement-breakpoint
CREATE INDEX `contact_imports_state_idx` ON `contact_imports` (`state`,`started_at`);--> statement-breakpoint
CREATE TABLE `contact_lists` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_lists_name_uq` ON `contact_lists` (`name`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY NOT NULL,
	`phone_e164` text NOT NULL,
	`name` text,
	`fields_json` text DEFAULT '{}' NOT NULL,
	`tags_json` text DEFAULT '[]' NOT NULL,
	`opted_out` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_phone_uq` ON `contacts` (`phone_e164`);--> statement-breakpoint
CREATE TABLE `import_staging_batches` (
	`import_id` integer NOT NULL,
	`batch_number` integer NOT NULL,
	`rows_json` text NOT NULL,
	PRIMARY KEY(`import_id`, `batch_number`),
	FOREIGN KEY (`import_id`) REFERENCES `contact_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `inbound_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`sim_id` integer,
	`sender_e164` text,
	`sender_hash` text,
	`sender_raw` text,
	`contact_id` integer,
	`body` text,
	`sent_at` integer,
	`received_at` integer NOT NULL,
	`keyword` text,
	FOREIGN KEY (`sim_id`) REFERENCES `sims`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `inbound_sender_hash_idx` ON `inbound_messages` (`sender_hash`);--> statement-breakpoint
CREATE INDEX `inbound_contact_idx` ON `inbound_messages` (`contact_id`);--> statement-breakpoint
CREATE INDEX `inbound_received_idx` ON `inbound_messages` (`received_at`);--> statement-breakpoint
CREATE TABLE `list_members` (
	`list_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`list_id`, `contact_id`),
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `list_members_contact_idx` ON `list_members` (`contact_id`);--> statement-breakpoint
CREATE TABLE `message_parts` (
	`id` integer PRIMARY KEY NOT NULL,
	`message_id` integer NOT NULL,
	`part_number` integer NOT NULL,
	`sim_id` integer,
	`reference` integer NOT NULL,
	`state` text DEFAULT 'sent' NOT NULL,
	`sent_at` integer NOT NULL,
	`report_status` integer,
	`report_at` integer,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sim_id`) REFERENCES `sims`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "message_parts_state_ck" CHECK(state in ('sent', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_parts_message_part_uq` ON `message_parts` (`message_id`,`part_number`);--> statement-breakpoint
CREATE INDEX `message_parts_reference_idx` ON `message_parts` (`reference`,`sent_at`);--> statement-breakpoint
CREATE INDEX `message_parts_sim_sent_idx` ON `message_parts` (`sim_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`campaign_id` integer NOT NULL,
	`contact_id` integer,
	`recipient_e164` text,
	`recipient_hash` text NOT NULL,
	`body` text,
	`part_count` integer DEFAULT 1 NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`avoid_sim_id` integer,
	`sim_id` integer,
	`claimed_at` integer,
	`sent_at` integer,
	`finished_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`avoid_sim_id`) REFERENCES `sims`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`sim_id`) REFERENCES `sims`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "messages_state_ck" CHECK(state in ('queued', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_campaign_recipient_uq` ON `messages` (`campaign_id`,`recipient_hash`);--> statement-breakpoint
CREATE INDEX `messages_claim_idx` ON `messages` (`campaign_id`,`state`,`next_attempt_at`,`id`);--> statement-breakpoint
CREATE INDEX `messages_state_idx` ON `messages` (`state`);--> statement-breakpoint
CREATE INDEX `messages_recipient_hash_idx` ON `messages` (`recipient_hash`);--> statement-breakpoint
CREATE INDEX `messages_contact_idx` ON `messages` (`contact_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sims` (
	`id` integer PRIMARY KEY NOT NULL,
	`iccid` text NOT NULL,
	`imsi` text,
	`imei` text,
	`label` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`limit_per_minute` integer,
	`limit_per_hour` integer,
	`limit_per_day` integer,
	`parts_sent_total` integer DEFAULT 0 NOT NULL,
	`last_seen_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sims_iccid_uq` ON `sims` (`iccid`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`id` integer PRIMARY KEY NOT NULL,
	`phone_hash` text NOT NULL,
	`phone_e164` text,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppressions_hash_uq` ON `suppressions` (`phone_hash`);--> statement-breakpoint
CREATE INDEX `suppressions_phone_idx` ON `suppressions` (`phone_e164`);