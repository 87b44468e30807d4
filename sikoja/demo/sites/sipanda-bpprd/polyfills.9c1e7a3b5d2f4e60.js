"use strict";var __ng_chunk=1;
