import { wholePixels } from '../../scan/capture-image.ts';
import { decodeQr } from '../../scan/decode.ts';

/** The text of the QR code in a PNG or JPEG file (a screenshot of an export QR code), or null. */
export async function qrTextFromImage(file: Blob): Promise<string | null> {
  const image = await createImageBitmap(file);
  try {
    return decodeQr(wholePixels(image));
  } finally {
    image.close();
  }
}
