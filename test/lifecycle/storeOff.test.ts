import { defineLifecycleSuite } from './defineLifecycleSuite.js';
import { STORE_OFF } from './world.js';

defineLifecycleSuite(STORE_OFF);
