"use strict";(self.webpackChunkdisporapar=self.webpackChunkdisporapar||[]).push([[143],{}]);
