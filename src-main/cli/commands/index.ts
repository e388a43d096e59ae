import type { Command } from 'commander';
import { registerCampaignCommand } from './campaign';
import { registerServeCommand } from './serve';

/** Every `fanout` command; each module adds one command and its --help. */
export const commandRegistrations: ((program: Command) => void)[] = [registerServeCommand, registerCampaignCommand];
