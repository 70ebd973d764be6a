import { defineLifecycleSuite } from './defineLifecycleSuite.js';
import { STORE_ON } from './world.js';

defineLifecycleSuite(STORE_ON);
