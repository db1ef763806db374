import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-N5BF7DY7.js";
import "./chunk-WD5L72B6.js";
export default require_undici();
