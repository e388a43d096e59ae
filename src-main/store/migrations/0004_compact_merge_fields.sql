CREATE TABLE `field_names` (
	`id` integer PRIMARY KEY NOT NULL,
	`names_json` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `field_names_names_uq` ON `field_names` (`names_json`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `field_names_id` integer;