// Whether a process still runs, for records that name the process that made them (an import's
// owner, a database's users). Signal 0 only asks; the answer can be wrong once the id is reused.
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
