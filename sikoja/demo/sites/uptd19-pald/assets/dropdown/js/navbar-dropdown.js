document.querySelectorAll(".dropdown-toggle").forEach(function(a){a.addEventListener("click",function(){a.nextElementSibling.classList.toggle("show")})});
