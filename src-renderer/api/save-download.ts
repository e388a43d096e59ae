import type { DownloadedFile } from '../../src-shared/api';

/** Hands a downloaded file to the browser's own "save" so it lands in the user's Downloads. */
export function saveDownloadedFile(file: DownloadedFile): void {
  const blob = new Blob([file.bytes as BlobPart], { type: file.contentType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
