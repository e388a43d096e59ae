PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_contact_imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` integer,
	`list_name` text NOT NULL,
	`file_name` text NOT NULL,
	`state` text DEFAULT 'staging' NOT NULL,
	`summary_json` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`created_list` integer DEFAULT false NOT NULL,
	`owner_pid` integer,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "contact_imports_state_ck" CHECK(state in ('staging', 'committed'))
);
--> statement-breakpoint
INSERT INTO `__new_contact_imports`("id", "list_id", "list_name", "file_name", "state", "summary_json", "started_at", "finished_at") SELECT "id", "list_id", "list_name", "file_name", "state", "summary_json", "started_at", "finished_at" FROM `contact_imports`;--> statement-breakpoint
DROP TABLE `contact_imports`;--> statement-breakpoint
ALTER TABLE `__new_contact_imports` RENAME TO `contact_imports`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `contact_imports_state_idx` ON `contact_imports` (`state`,`started_at`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `import_id` integer;