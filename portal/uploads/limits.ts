/**
 * Bounds on the work one uploaded file may cause. A 10 Mo file can declare a huge image (a blank
 * page compresses to almost nothing), so the declared size is read from the header and checked
 * before anything is decoded.
 */

/** Pixels of one image, or of one TIFF page. 100 megapixels is far above a 600 dpi A4 scan (35 MP). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/**
 * Up to this size, JPEG images and compressed TIFF pages are decoded pixel by pixel; above it only
 * their structure is checked (complete segments, strips inside the file), since the pure-JavaScript
 * decoders would need about 0.5 GB and several seconds. PNG and BMP are always checked in full, in
 * constant memory.
 */
export const FULL_DECODE_MAX_PIXELS = 25_000_000;

/** Image file directories followed in a TIFF (pages and thumbnails); more is taken as a loop or an attack. */
export const MAX_TIFF_DIRECTORIES = 1000;
