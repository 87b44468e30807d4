/* vue 3.4 runtime (subset) */export{};
