import type { PageRect, PageSize, Rotation } from './types';

/** Past this many canvas pixels, draw at a lower resolution than the screen's (memory). */
const MAX_CANVAS_PIXELS = 2 ** 24;

/** Device pixels per CSS pixel for a canvas of this CSS size: the screen's, capped. */
export function drawingScale(cssWidth: number, cssHeight: number): number {
  const ratio = window.devicePixelRatio || 1;
  const pixels = cssWidth * cssHeight * ratio * ratio;
  return pixels > MAX_CANVAS_PIXELS ? Math.sqrt(MAX_CANVAS_PIXELS / (cssWidth * cssHeight)) : ratio;
}

export function rotatedSize(size: PageSize, rotation: Rotation): PageSize {
  return rotation % 180 === 0 ? size : { width: size.height, height: size.width };
}

export function nextRotation(rotation: Rotation): Rotation {
  return ((rotation + 90) % 360) as Rotation;
}

type Point = { x: number; y: number };

/** A point of the unrotated page (fractions) as seen on the page turned clockwise. */
function toShown({ x, y }: Point, rotation: Rotation): Point {
  switch (rotation) {
    case 90:
      return { x: 1 - y, y: x };
    case 180:
      return { x: 1 - x, y: 1 - y };
    case 270:
      return { x: y, y: 1 - x };
    default:
      return { x, y };
  }
}

/** A point seen on the turned page (fractions) back on the unrotated page. */
function toUnrotated({ x, y }: Point, rotation: Rotation): Point {
  switch (rotation) {
    case 90:
      return { x: y, y: 1 - x };
    case 180:
      return { x: 1 - x, y: 1 - y };
    case 270:
      return { x: 1 - y, y: x };
    default:
      return { x, y };
  }
}

function boxOf(a: Point, b: Point) {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** Where a highlight stored on the unrotated page lies on the page as shown. */
export function shownRect(rect: Omit<PageRect, 'page'>, rotation: Rotation) {
  return boxOf(
    toShown({ x: rect.x, y: rect.y }, rotation),
    toShown({ x: rect.x + rect.width, y: rect.y + rect.height }, rotation),
  );
}

/** A rectangle the agent drew between two points of the shown page, as the backend stores it. */
export function unrotatedRect(from: Point, to: Point, rotation: Rotation) {
  const clamped = (p: Point) => ({ x: clamp(p.x), y: clamp(p.y) });
  return boxOf(toUnrotated(clamped(from), rotation), toUnrotated(clamped(to), rotation));
}
