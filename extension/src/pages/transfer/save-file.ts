/** A file the user saves: the object URL stays valid until `revoke`, so a "save again" link works. */
export interface SavedFile {
  fileName: string;
  url: string;
  revoke(): void;
}

/**
 * Starts the download of `text` as `fileName` through an object URL and a link click, which needs
 * no `downloads` permission. The URL is returned so the page can also show it as a link.
 */
export function saveTextFile(fileName: string, text: string, type: string): SavedFile {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  return { fileName, url, revoke: () => URL.revokeObjectURL(url) };
}
