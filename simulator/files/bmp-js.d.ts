/** bmp-js 0.1 ships no types. Pixels are 4 bytes each, in the order A, B, G, R. */
declare module 'bmp-js' {
  type BmpImage = { data: Buffer; width: number; height: number };
  const bmp: {
    /** 24-bit bottom-up BMP (the rows are padded right only when the width is a multiple of 4). */
    encode(image: { data: Buffer | Uint8Array; width: number; height: number }): BmpImage;
    decode(data: Buffer): BmpImage;
  };
  export default bmp;
}
