import {
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// chart.js is tree-shaken: only the pieces these charts draw with are registered, once.
Chart.register(BarElement, CategoryScale, LinearScale, LineElement, PointElement, Legend, Tooltip);

/** The charts draw no animation: a supervisor reads figures, and screenshots stay stable. */
export const STILL = { animation: false, responsive: true, maintainAspectRatio: false } as const;
