/* vue 3.4 + vue-router 4 + axios */export{};
