import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  emptyOutcome,
  evaluateTenant
} from "./chunk-N4Y6242F.js";
import "./chunk-JEP2ANSX.js";
import "./chunk-QUJZ24X5.js";
import "./chunk-DSGJ2ZDD.js";
import "./chunk-JZPENHOI.js";
import "./chunk-YGEFOKDE.js";
import "./chunk-JOKD7V7O.js";
import "./chunk-RWQ7FRYK.js";
import "./chunk-3NGF3HLR.js";
import "./chunk-3KQCMBW2.js";
import "./chunk-47HB3AU5.js";
import "./chunk-TWXWRCPR.js";
import "./chunk-76T6MM7J.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-RPWTNJ4G.js";
import "./chunk-7KNWVG6D.js";
import "./chunk-WD5L72B6.js";
export {
  emptyOutcome,
  evaluateTenant
};
