/** The files chosen in a file input, as an array (a FileList is not one). */
export function chosenFiles(event: Event): File[] {
  return Array.from((event.currentTarget as HTMLInputElement).files ?? []);
}
