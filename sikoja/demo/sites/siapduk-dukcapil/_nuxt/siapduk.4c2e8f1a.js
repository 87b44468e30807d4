import{createApp as c}from"./vue.runtime.esm-bundler.js";const a=window.__APOLLO_STATE__||{};c({data:()=>({cache:a})}).mount("#app");
