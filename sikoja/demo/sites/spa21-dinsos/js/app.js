var app = angular.module('siLayanan', ['ngRoute', 'ngSanitize']);

app.config(['$routeProvider', '$locationProvider', function ($routeProvider, $locationProvider) {
    $locationProvider.hashPrefix('!');
    $routeProvider
        .when('/', {templateUrl: 'beranda.html', controller: 'BerandaCtrl'})
        .when('/layanan', {templateUrl: 'layanan.html', controller: 'LayananCtrl'})
        .when('/layanan/:id', {templateUrl: 'partials/layanan-detail.html', controller: 'DetailLayananCtrl'})
        .when('/profil', {templateUrl: 'partials/profil.html'})
        .when('/kontak', {templateUrl: 'partials/kontak.html'})
        .otherwise({redirectTo: '/'});
}]);

app.controller('BerandaCtrl', ['$scope', '$http', function ($scope, $http) {
    $http.get(CONFIG.API_URL + 'api.php?act=layanan').then(function (res) {
        $scope.unggulan = res.data.data.slice(0, 3);
    });
}]);

app.controller('LayananCtrl', ['$scope', '$http', function ($scope, $http) {
    $scope.loading = true;
    $http.get(CONFIG.API_URL + 'api.php?act=layanan').then(function (res) {
        $scope.layanan = res.data.data;
        $scope.loading = false;
    }, function () {
        $scope.error = 'Gagal memuat data layanan.';
    });
}]);

app.controller('DetailLayananCtrl', ['$scope', '$http', '$routeParams', function ($scope, $http, $routeParams) {
    $http.get(CONFIG.API_URL + 'api.php?act=detail_layanan&id=' + $routeParams.id).then(function (res) {
        $scope.l = res.data.data;
    });
}]);
