// Making written files survive a power cut: the data of a file, and the entries of a folder
// (a new or renamed file is only durable once its folder is synced too).
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Writes the file's data to the disk, not only to the system's cache. */
export function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes the folder's entries to the disk. Windows cannot open a folder for this (and keeps entries anyway). */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  syncFile(folder);
}
